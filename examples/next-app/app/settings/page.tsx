import { redirect } from "next/navigation";
import { LinkedAccounts } from "auth0-account-linking/ui";
import { accountLinking } from "@/lib/auth0";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function Settings({ searchParams }: Props) {
  const accounts = await accountLinking.loadLinkedAccounts();
  if (!accounts) redirect("/auth/login?returnTo=/settings");
  return <LinkedAccounts {...accounts} searchParams={await searchParams} />;
}
