import { DIST_DIR } from "../cluster/harness";
import { buildApp } from "./nodes";

// Both nodes run the same production build; build it once, before any file starts its nodes.
export async function setup() {
  buildApp(DIST_DIR);
}
