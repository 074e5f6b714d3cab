import { describe } from "vitest";
import { newVoterLimitCases } from "@/test/new-voter-route-cases";

/** New voters per poll from one address, on the embedded SQLite history: counted in its records, with the votes. */
describe("new voters on SQLite", () => newVoterLimitCases({ backend: "sqlite" }));
