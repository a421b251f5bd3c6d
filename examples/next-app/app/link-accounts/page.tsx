import { linkPromptPage } from "auth0-account-linking/ui";
import { accountLinking } from "@/lib/auth0";
export default linkPromptPage(accountLinking);
