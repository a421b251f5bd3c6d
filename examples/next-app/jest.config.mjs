import nextJest from "next/jest.js";
import { withAccountLinking } from "auth0-account-linking/jest";

export default withAccountLinking(nextJest({ dir: "./" })({ testEnvironment: "node" }));
