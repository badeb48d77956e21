// Every documented operation, walked once (successes and the common refusals), and every answer
// validated against /api/openapi.json by Ajv in strict JSON Schema 2020-12 mode.
import { request } from "node:http";
import { afterAll, describe, expect, it } from "vitest";
import { adminToken, api, baseUrl, createUser, recordAnswers, unique, type TestUser } from "../helpers/client";
import { AnswerValidator, type Answer } from "../helpers/openapi";
import { createApiClient } from "@/lib/client/openapi";
import { image, upload } from "../helpers/uploads";
import { startReceiver } from "../helpers/webhooks";

const answers: Answer[] = [];
recordAnswers((a) => answers.push(a));
afterAll(() => recordAnswers(undefined));

const as = (user: TestUser) => ({ token: user.token });

describe("OpenAPI conformance", () => {
  it("every documented operation answers what the document says (Ajv strict, 2020-12)", async () => {
    const doc = await api("/api/openapi.json");
    const validator = new AnswerValidator(doc.body as never);

    // accounts
    const [teacher, student, other] = await Promise.all([createUser({ role: "instructor" }), createUser(), createUser()]);
    await api("/api/auth/register", { body: { email: "not-an-email", username: "x", password: "short" } });
    await api("/api/auth/token", { body: { username: unique("nobody"), password: "wrong password" } });
    await api("/api/me", as(student));
    await api("/api/me", { token: "not-a-token" });
    await api("/api/me", { method: "PATCH", ...as(student), body: { bio: "Integrator" } });
    await api("/api/me", { method: "PATCH", ...as(student), body: { name: 42 } });
    await api(`/api/users?q=${encodeURIComponent(student.username)}`, as(other));
    await api(`/api/users/${student.id}`, as(other));
    await api("/api/users/nobody-here", as(other));
    // personal access tokens
    const pat = await api("/api/tokens", { ...as(other), body: { name: "Walk script", scopes: ["read"] } });
    await api("/api/tokens", { ...as(other), body: { name: "", scopes: ["everything"] } });
    await api("/api/tokens", as(other));
    await api("/api/tokens", { token: pat.body.token });
    await api(`/api/tokens/${pat.body.api_token?.id}`, { method: "DELETE", ...as(other) });
    await api("/api/tokens/no-such-token", { method: "DELETE", ...as(other) });
    const leaving = await createUser();
    await api("/api/auth/logout", { method: "POST", ...as(leaving) });
    const deleted = await createUser();
    await api("/api/me", { method: "DELETE", ...as(deleted), body: { password: "wrong password" } });
    await api("/api/me", { method: "DELETE", ...as(deleted), body: { password: deleted.password } });

    // rooms and notes
    const room = (await api("/api/rooms", { ...as(teacher), body: { name: "Walk room" } })).body.room;
    await api("/api/rooms", { ...as(teacher), body: {} });
    await api("/api/rooms", as(teacher));
    await api(`/api/rooms/${room.room_id}`, as(student));
    await api("/api/rooms/zzzzzzzz", as(student));
    await api(`/api/rooms/${room.room_id}/join`, { method: "POST", ...as(student) });
    await api(`/api/rooms/${room.room_id}/messages?limit=5`, as(student));
    const note = await api("/api/notes", { ...as(student), body: { room_id: room.room_id, content: "a note", timecode: 12.5 } });
    await api(`/api/notes?room_id=${room.room_id}`, as(student));
    await api(`/api/rooms/${room.room_id}/notes.md`, as(student));
    // class interaction: the room's polls, and a poll's results (an unknown one: 404)
    await api(`/api/rooms/${room.room_id}/polls`, as(teacher));
    await api(`/api/polls/nosuchpoll/results?format=csv`, as(teacher));
    await api(`/api/notes/${note.body.note?.id}`, { method: "DELETE", ...as(student) });
    await api(`/api/rooms/${room.room_id}/leave`, { method: "POST", ...as(student) });
    await api(`/api/rooms/${room.room_id}/close`, { method: "POST", ...as(student) });
    await api(`/api/rooms/${room.room_id}/close`, { method: "POST", ...as(teacher) });
    await api(`/api/rooms/${room.room_id}/join`, { method: "POST", ...as(student) });

    // channels, messages, search, direct messages
    const channel = (await api("/api/channels", { ...as(teacher), body: { name: unique("Walk "), type: "public" } })).body.channel;
    await api("/api/channels", { ...as(teacher), body: { name: "x", type: "secret" } });
    await api("/api/channels", as(student));
    await api(`/api/channels/${channel.slug}`, as(student));
    await api(`/api/channels/${channel.slug}/join`, { method: "POST", ...as(student) });
    await api(`/api/channels/${channel.slug}/members`, { ...as(teacher), body: { user_ids: [other.id] } });
    await api(`/api/channels/${channel.slug}/members?limit=10`, as(student));
    const sent = await api(`/api/channels/${channel.slug}/messages`, {
      ...as(student),
      body: { content: "hello walk", client_id: unique("c") },
    });
    await api(`/api/channels/${channel.slug}/messages?limit=10`, as(student));
    await api(`/api/channels/${channel.slug}/export.md`, as(student));
    await api(`/api/channels/no-such-channel/export.md`, as(student));
    await api(`/api/messages/${sent.body.message?.id}`, { method: "PATCH", ...as(student), body: { content: "hello again" } });
    await api(`/api/messages/${sent.body.message?.id}`, { method: "PATCH", ...as(other), body: { content: "not mine" } });
    await api(`/api/search?q=hello&channel=${channel.slug}`, as(student));
    // threads and pins
    const reply = await api(`/api/channels/${channel.slug}/messages`, {
      ...as(teacher),
      body: { content: "a reply", thread_id: sent.body.message?.id },
    });
    await api(`/api/messages/${sent.body.message?.id}/thread?limit=5`, as(student));
    await api(`/api/messages/${sent.body.message?.id}/thread?after=nope`, as(student));
    await api(`/api/messages/${reply.body.message?.id}/pin`, { method: "POST", ...as(teacher) });
    await api(`/api/messages/${reply.body.message?.id}/pin`, { method: "POST", ...as(student) });
    await api(`/api/channels/${channel.slug}/pins`, as(student));
    await api(`/api/messages/${reply.body.message?.id}/pin`, { method: "DELETE", ...as(teacher) });
    await api(`/api/messages/${sent.body.message?.id}`, { method: "DELETE", ...as(student) });
    await api(`/api/channels/${channel.slug}/leave`, { method: "POST", ...as(student) });
    await api("/api/messages", { ...as(student), body: { receiver: teacher.id, content: "direct walk" } });
    await api(`/api/messages?with=${teacher.id}`, as(student));
    await api("/api/conversations", as(teacher));

    // meetings
    const meeting = (
      await api("/api/meetings", {
        ...as(teacher),
        body: {
          title: "Walk meeting",
          scheduled_date: new Date(Date.now() + 60_000).toISOString(),
          duration: 30,
          student_ids: [student.id],
        },
      })
    ).body.meeting;
    await api("/api/meetings", { ...as(teacher), body: { title: "" } });
    await api("/api/meetings", { ...as(student), body: { title: "No", scheduled_date: new Date().toISOString(), duration: 30 } });
    await api("/api/meetings?limit=5", as(teacher));
    await api(`/api/meetings/${meeting.id}`, as(student));
    await api(`/api/meetings/${meeting.id}`, { method: "PUT", ...as(teacher), body: { description: "Bring questions" } });
    await api("/api/meetings/my/invitations", as(student));
    await api(`/api/meetings/${meeting.id}/respond`, { ...as(student), body: { action: "accept" } });
    await api(`/api/meetings/${meeting.id}/ics`, as(student));
    await api("/api/meetings/my/calendar.ics", as(student));
    const calendarLink = await api("/api/meetings/my/calendar-link", { method: "POST", ...as(student) });
    await api(new URL(calendarLink.body.url).pathname);
    await api("/api/calendar/nothing.ics");
    await api(`/api/meetings/${meeting.id}/start`, { method: "POST", ...as(teacher) });
    await api(`/api/meetings/${meeting.id}/join`, { method: "POST", ...as(student) });
    await api(`/api/meetings/${meeting.id}/join`, { method: "POST", ...as(other) });
    await api(`/api/meetings/${meeting.id}/presence`, { ...as(student), body: { in_call: true } });
    await api(`/api/meetings/${meeting.id}/presence`, { ...as(student), body: { in_call: "yes" } });
    await api(`/api/meetings/${meeting.id}/presence`, { ...as(student), body: { in_call: false } });
    // breakout groups
    const groups = await api(`/api/meetings/${meeting.id}/breakouts`, {
      ...as(teacher),
      body: { groups: [{ name: "Walk group", student_ids: [student.id] }] },
    });
    await api(`/api/meetings/${meeting.id}/breakouts`, { ...as(teacher), body: { count: 0, assign: "random" } });
    await api(`/api/meetings/${meeting.id}/breakouts`, { ...as(student), body: { count: 1, assign: "random" } });
    await api(`/api/meetings/${meeting.id}/breakouts`, as(teacher));
    await api(`/api/meetings/${meeting.id}`, as(student));
    await api(`/api/meetings/${meeting.id}/breakouts/${groups.body.breakouts?.[0]?.id}/join`, { method: "POST", ...as(student) });
    await api(`/api/meetings/${meeting.id}/breakouts/no-such-group/join`, { method: "POST", ...as(student) });
    await api(`/api/meetings/${meeting.id}/breakouts`, { method: "DELETE", ...as(student) });
    await api(`/api/meetings/${meeting.id}/breakouts`, { method: "DELETE", ...as(teacher) });
    await api(`/api/meetings/${meeting.id}/leave`, { method: "POST", ...as(student) });
    await api(`/api/meetings/${meeting.id}/end`, { method: "POST", ...as(teacher) });
    await api(`/api/meetings/${meeting.id}/attendance`, as(teacher));
    await api(`/api/meetings/${meeting.id}/attendance?format=csv`, as(teacher));
    await api(`/api/meetings/${meeting.id}`, { method: "DELETE", ...as(teacher) });
    // the course register
    const course = (await api("/api/channels", { ...as(teacher), body: { name: unique("Walk course "), type: "course" } })).body.channel;
    await api(`/api/meetings/${meeting.id}`, { method: "PUT", ...as(teacher), body: { course: course.slug } });
    await api(`/api/meetings/${meeting.id}`, { method: "PUT", ...as(teacher), body: { course: "no-such-course" } });
    await api(`/api/meetings/${meeting.id}/participants/${student.id}`, {
      method: "PATCH",
      ...as(teacher),
      body: { status: "excused", note: "Walk" },
    });
    await api(`/api/meetings/${meeting.id}/participants/${student.id}`, { method: "PATCH", ...as(teacher), body: { status: "sick" } });
    await api(`/api/meetings/${meeting.id}/participants/${student.id}`, { method: "PATCH", ...as(student), body: { status: null } });
    await api(`/api/channels/${course.slug}/attendance`, as(teacher));
    await api(`/api/channels/${course.slug}/attendance?format=csv`, as(teacher));
    await api(`/api/channels/${course.slug}/attendance`, as(student));
    await api("/api/meetings/my/register", as(student));

    // uploads (multipart through its own helper, recorded here), system
    const up = await upload(student, await image("png"), { name: "walk.png", type: "image/png" });
    answers.push({ method: "POST", path: "/api/uploads", status: up.status, contentType: up.headers.get("content-type"), body: up.body });
    await api(`/api/uploads/${up.body.upload?.id}`, as(student));
    await api("/api/uploads/config", as(student));
    await api("/api/uploadthing");
    await api("/api/uploadthing", { body: {} });
    await api("/api/health");
    await api("/api/ready");

    // The seeds' own paths (deprecated aliases), with the seeds' own bodies.
    const seedName = unique("prof");
    const seedRegister = await api("/api/users/register/", {
      body: { email: `${seedName}@test.com`, username: seedName, password: "lantern-river-42", role: "instructor" },
    });
    expect(seedRegister.status).toBe(201);
    // Without INSTRUCTOR_SIGNUP_CODE an instructor sign-up is a request an administrator approves.
    expect(seedRegister.body.user).toMatchObject({ username: seedName, role: "student" });
    const seedLogin = await api("/api/users/login/", { body: { email: `${seedName}@test.com`, password: "lantern-river-42" } });
    expect(seedLogin.status).toBe(200);
    expect(Object.keys(seedLogin.body).sort()).toEqual(["success", "token", "user"]);
    // Invitations are a student's: the seed's step 2 and 5.
    const seedStudent = unique("student");
    await api("/api/users/register/", {
      body: { email: `${seedStudent}@test.com`, username: seedStudent, password: "lantern-river-42", role: "student" },
    });
    const studentLogin = await api("/api/users/login/", { body: { email: `${seedStudent}@test.com`, password: "lantern-river-42" } });
    expect((await api("/api/meetings/my/invitations/", { token: studentLogin.body.token })).status).toBe(200);
    expect((await api("/api/users/login/", { body: { email: `${seedName}@test.com`, password: "wrong password" } })).status).toBe(401);
    const dmLogin = await api("/api/auth/login/", { body: { username: student.username, password: student.password } });
    expect(dmLogin.status).toBe(200);
    const seedSend = await api("/api/messages/send/", {
      token: dmLogin.body.token,
      body: { receiver: teacher.id, content: "Bonjour", message_type: "text" },
    });
    expect(seedSend.status).toBe(201);
    expect(seedSend.body.message).toMatchObject({ content: "Bonjour", to: teacher.id });
    const history = await api(`/api/messages/?with=${student.id}`, as(teacher));
    expect(history.body.messages.map((m: { id: string }) => m.id)).toContain(seedSend.body.message.id);
    // webhooks: one delivery to a real receiver, its log and a redelivery
    const receiver = await startReceiver();
    try {
      const hook = await api("/api/webhooks", { ...as(teacher), body: { url: receiver.url, events: ["room.closed"] } });
      await api("/api/webhooks", { ...as(teacher), body: { url: "ftp://x", events: [] } });
      await api("/api/webhooks", { ...as(student), body: { url: receiver.url, events: ["room.closed"] } });
      const hookRoom = (await api("/api/rooms", { ...as(teacher), body: { name: "Walk hook room" } })).body.room;
      await api(`/api/rooms/${hookRoom.room_id}/close`, { method: "POST", ...as(teacher) });
      await receiver.waitFor("room.closed");
      await api("/api/webhooks?limit=5", as(teacher));
      const log = await api(`/api/webhooks/${hook.body.webhook?.id}/deliveries`, as(teacher));
      await api(`/api/webhooks/nope/deliveries`, as(teacher));
      await api(`/api/webhooks/${hook.body.webhook?.id}/deliveries/${log.body.deliveries?.[0]?.id}/redeliver`, {
        method: "POST",
        ...as(teacher),
      });
      await api(`/api/webhooks/${hook.body.webhook?.id}/deliveries/nope/redeliver`, { method: "POST", ...as(teacher) });
      await api(`/api/webhooks/${hook.body.webhook?.id}`, { method: "DELETE", ...as(teacher) });
      await api(`/api/webhooks/${hook.body.webhook?.id}`, { method: "DELETE", ...as(teacher) });
    } finally {
      await receiver.close();
    }
    // account recovery and administration
    await api("/api/auth/password-reset", { body: { email: `${seedName}@test.com` } });
    await api("/api/auth/password-reset/confirm", { body: { token: "not-a-token", password: "a new long password" } });
    const admin = { token: await adminToken() };
    await api("/api/admin/users?limit=5", admin);
    await api(`/api/admin/users/${seedRegister.body.user.id}/instructor-request`, { ...admin, body: { action: "approve" } });
    await api(`/api/admin/users/${seedRegister.body.user.id}`, { ...admin, method: "PATCH", body: { role: "instructor" } });
    await api(`/api/admin/users/${seedRegister.body.user.id}/password-reset`, { ...admin, method: "POST" });
    const report = await api(`/api/messages/${seedSend.body.message.id}/report`, { ...as(teacher), body: { reason: "walk" } });
    expect(report.status).toBe(201);
    const reports = await api("/api/admin/reports?status=open", admin);
    const mine = reports.body.reports.find((r: { reason: string }) => r.reason === "walk");
    await api(`/api/admin/reports/${mine.id}/resolve`, { ...admin, body: { action: "dismiss" } });
    await api("/api/admin/audit?limit=5", admin);
    expect(doc.body.paths["/api/users/login"].post.deprecated).toBe(true);
    expect(doc.body.paths["/api/messages/send"].post.deprecated).toBe(true);

    const problems = answers.flatMap((a) => validator.check(a));
    expect(problems).toEqual([]);
    const reached = new Set(answers.map((a) => validator.match(a.method, a.path)));
    expect(validator.operations().filter((op) => !reached.has(op))).toEqual([]);
  }, 600_000);

  it("answers the JSON envelope on every /api path, and searches users literally", async () => {
    for (const [path, method, status, code] of [
      ["/api/rooms/%E0%A4%A", "GET", 400, "VALIDATION_ERROR"],
      ["/api/channels/%ff%fe", "GET", 400, "VALIDATION_ERROR"],
      ["/api/auth/nothing-here", "GET", 404, "NOT_FOUND"],
      ["/api/auth/nothing-here", "POST", 404, "NOT_FOUND"],
      ["/api/auth/session", "DELETE", 405, "METHOD_NOT_ALLOWED"],
      ["/api/auth/login", "GET", 405, "METHOD_NOT_ALLOWED"],
      ["/api/no/such/thing", "GET", 404, "NOT_FOUND"],
    ] as const) {
      const res = await api(path, { method });
      expect({ path, method, status: res.status, body: res.body }).toMatchObject({ status, body: { success: false, code } });
      expect(res.headers.get("content-type")).toContain("application/json");
    }
    // fetch refuses TRACE: a raw request.
    const trace = await new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
      const req = request(`${baseUrl()}/api/me`, { method: "TRACE" }, (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (body += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, type: String(res.headers["content-type"]), body }));
      });
      req.on("error", reject);
      req.end();
    });
    expect(trace.status).toBe(405);
    expect(trace.type).toContain("application/json");
    expect(JSON.parse(trace.body)).toMatchObject({ success: false, code: "METHOD_NOT_ALLOWED" });
    const session = await api("/api/auth/session");
    expect(session.status).toBe(200);

    const searcher = await createUser();
    const tagged = await createUser({ name: `Ann_${unique("")}%x` });
    // `%` and `_` are literal: q=% finds only names with a percent sign, q=user_ no username.
    const percent = await api(`/api/users?q=${encodeURIComponent("%x")}&limit=100`, as(searcher));
    expect(percent.body.users.length).toBeGreaterThan(0);
    expect(percent.body.users.every((u: { name: string }) => u.name.includes("%x"))).toBe(true);
    const underscore = await api(`/api/users?q=${encodeURIComponent(tagged.username.slice(0, 4) + "_")}`, as(searcher));
    expect(underscore.body.users).toEqual([]);
  });

  it("the typed client generated from the document talks to the server", async () => {
    const user = await createUser({ name: "Typed Client" });
    const anonymous = createApiClient(baseUrl(), { headers: { "x-forwarded-for": "192.0.2.77" } });
    const signedIn = await anonymous.POST("/api/auth/token", { body: { username: user.username, password: user.password } });
    expect(signedIn.response.status).toBe(200);
    const token: string = signedIn.data!.token;
    const client = createApiClient(baseUrl(), { token });
    const me = await client.GET("/api/users/{id}", { params: { path: { id: user.id } } });
    const name: string | null = me.data!.user.name;
    expect(name).toBe("Typed Client");
    const refused = await client.GET("/api/users/{id}", { params: { path: { id: "nobody-here" } } });
    expect(refused.error?.code).toBe("NOT_FOUND");
  });
});
