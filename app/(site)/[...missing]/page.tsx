import { notFound } from "next/navigation";

/**
 * Every address no other route takes, so that it gets the site's own not-found page inside the site layout (and
 * its stylesheet) rather than Next's bare one under the root layout, which holds no stylesheet (app/(site)/layout.tsx).
 */
export default function Missing(): never {
  notFound();
}
