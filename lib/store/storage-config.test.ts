import { describe, expect, it } from "vitest";
import { describeStorageConfig, parseStorageConfig } from "./storage-config";

describe("where the history lives", () => {
  it("is SQLite and a folder under DATA_DIR by default", () => {
    const config = parseStorageConfig({ DATA_DIR: "/srv/playground" });
    expect(config).toEqual({ dataDir: "/srv/playground", databaseUrl: null });
    expect(describeStorageConfig(config)).toBe("History: records in SQLite at /srv/playground/playground.db, images in /srv/playground/images.");
  });

  it("is PostgreSQL with DATABASE_URL, and the banner never shows its password", () => {
    const config = parseStorageConfig({ DATA_DIR: "/srv/p", DATABASE_URL: "postgres://app:s3cret@db.internal:5432/playground" });
    expect(config.databaseUrl).toBe("postgres://app:s3cret@db.internal:5432/playground");
    expect(describeStorageConfig(config)).toBe("History: records in PostgreSQL at db.internal:5432/playground, images in /srv/p/images.");
    expect(parseStorageConfig({ DATABASE_URL: "  " }).databaseUrl).toBeNull();
  });

  it("refuses another kind of URL, naming the variable and not echoing the value", () => {
    const refuse = (value: string) => () => parseStorageConfig({ DATABASE_URL: value });
    expect(refuse("mysql://app:s3cret@db/x")).toThrow(/DATABASE_URL must be a PostgreSQL URL/);
    expect(refuse("mysql://app:s3cret@db/x")).not.toThrow(/s3cret/);
    expect(refuse("not a url")).toThrow(/DATABASE_URL/);
  });
});
