import { RequestsPanel } from "@/components/admin/RequestsPanel";

export default function AdminRequestsPage() {
  return <RequestsPanel />;
}
