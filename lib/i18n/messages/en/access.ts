/** English text of the access part of the interface. Plain strings: `{name}` placeholders, plural as { one, other }. */
export const access = {
  title: "Sign in · OneToken Image Playground",
  heading: "OneToken Image Playground",
  intro: "This playground is private. Sign in with the password you were given.",
  password: "Password",
  signIn: "Sign in",
  failed: "Could not sign in.",
  empty: "Type the password first.",
};
