import { AuditPanel } from "@/components/admin/AuditPanel";

export default function AdminAuditPage() {
  return <AuditPanel />;
}
