import { getCurrentUser } from "@/lib/auth/current-user";
import { UsersPanel } from "@/components/admin/UsersPanel";

export default async function AdminUsersPage() {
  const me = await getCurrentUser();
  return <UsersPanel meId={me?.id ?? ""} />;
}
