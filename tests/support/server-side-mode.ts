/**
 * Setup file of jest's `flow (server_side)` project: the same flow tests, with
 * the app configured for server-side linking (see MODE in ./app).
 */
process.env["LINK_MODE_UNDER_TEST"] = "server_side";
