import { linkedAccountsPage } from "auth0-account-linking/ui";
import { accountLinking } from "@/lib/auth0";
export default linkedAccountsPage(accountLinking);
