// Breakout groups of a meeting (CONTRACT.md section 11): the request and answer shapes, shared by
// the route handlers, the OpenAPI document and the dashboard's panel. No server-only imports.
import { z } from "zod";

export const MAX_BREAKOUT_GROUPS = 50;
export const BREAKOUT_NAME_MAX = 80;

const GroupName = z
  .string({ error: "Required: the group's name" })
  .trim()
  .min(1, "Must not be empty")
  .max(BREAKOUT_NAME_MAX, `Must be at most ${BREAKOUT_NAME_MAX} characters`);

export const BreakoutGroupInput = z
  .object({
    name: GroupName,
    student_ids: z
      .array(z.string().min(1, "Must not be empty").max(64, "Not a valid user id"), { error: "Must be a list of user ids" })
      .min(1, "A group needs at least one student")
      .max(500, "At most 500 students"),
  })
  .strict();

/**
 * Either the groups by hand (`groups`), or `count` groups drawn at random (`assign: "random"`)
 * from the invitees who have not declined; `name` is the random groups' name before their number
 * ("Group" gives "Group 1", "Group 2"...).
 */
export const StartBreakoutsBody = z
  .object({
    groups: z
      .array(BreakoutGroupInput, { error: "Must be a list of groups" })
      .min(1, "Give at least one group")
      .max(MAX_BREAKOUT_GROUPS, `At most ${MAX_BREAKOUT_GROUPS} groups`)
      .optional(),
    count: z
      .number({ error: "Must be a whole number of groups" })
      .int("Must be a whole number of groups")
      .min(1, "Must be at least 1")
      .max(MAX_BREAKOUT_GROUPS, `At most ${MAX_BREAKOUT_GROUPS} groups`)
      .optional(),
    assign: z.enum(["random"], { error: 'Must be "random"' }).optional(),
    name: GroupName.optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.groups !== undefined) {
      for (const key of ["count", "assign", "name"] as const) {
        if (b[key] !== undefined) ctx.addIssue({ code: "custom", path: [key], message: "Give either groups, or count with assign" });
      }
      return;
    }
    if (b.count === undefined)
      ctx.addIssue({ code: "custom", path: ["count"], message: 'Required with assign: "random" (or give groups)' });
    if (b.assign === undefined) ctx.addIssue({ code: "custom", path: ["assign"], message: 'Required with count: "random"' });
  });
export type StartBreakoutsInput = z.output<typeof StartBreakoutsBody>;

/** A group as its instructor sees it. `meeting_link` is the plain link (joining gives a token). */
export const Breakout = z.object({
  id: z.string(),
  name: z.string(),
  room_id: z.string().nullable(),
  meeting_link: z.string(),
  student_ids: z.array(z.string()),
});
export type BreakoutJson = z.infer<typeof Breakout>;

/** A student's own group, in their view of the meeting. */
export const OwnBreakout = Breakout.omit({ student_ids: true });
export type OwnBreakoutJson = z.infer<typeof OwnBreakout>;

export const BreakoutParams = z.object({ id: z.string().min(1).max(64), breakout_id: z.string().min(1).max(64) });
