import { attendanceOp } from "@/lib/meetings/contract";
import { attendanceCsv, attendanceFilename } from "@/lib/meetings/export";
import { getAttendance } from "@/lib/meetings/service";
import { download } from "@/lib/formats/filename";
import { handle, routes } from "@/lib/http/handler";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: handle(attendanceOp, async ({ user, params, query }) => {
    const report = await getAttendance(params.id, user);
    if (query.format === "json") return report;
    return download(attendanceCsv(report), "text/csv; charset=utf-8; header=present", attendanceFilename(report.meeting));
  }),
});
