import type { Messages } from "../en";
import { access } from "./access";
import { batch } from "./batch";
import { check } from "./check";
import { common } from "./common";
import { compare } from "./compare";
import { edit } from "./edit";
import { grid } from "./grid";
import { history } from "./history";
import { leaderboard } from "./leaderboard";
import { playground } from "./playground";
import { polls } from "./polls";
import { present } from "./present";
import { rules } from "./rules";
import { sets } from "./sets";
import { share } from "./share";

export const zh: Messages = { common, playground, history, compare, grid, batch, sets, polls, leaderboard, edit, present, share, access, check, rules };
