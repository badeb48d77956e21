import { ReportsPanel } from "@/components/admin/ReportsPanel";

export default function AdminReportsPage() {
  return <ReportsPanel />;
}
