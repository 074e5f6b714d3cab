"use client";

import { useEffect, useState } from "react";

const utc = (value: number) => `${new Date(value).toISOString().slice(0, 16).replace("T", " ")} UTC`;

/**
 * A moment in the reader's own time zone and format. The server renders UTC (it cannot know the reader's
 * zone) and the browser swaps in local time after hydrating, so the two renders never disagree.
 */
export function LocalTime({ value }: { value: number }) {
  const [text, setText] = useState(() => utc(value));
  useEffect(() => setText(new Date(value).toLocaleString()), [value]);
  return <time dateTime={new Date(value).toISOString()}>{text}</time>;
}
