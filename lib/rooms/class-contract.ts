import { z } from "zod";
import { defineOperation } from "@/lib/openapi/operation";
import { Poll, PollParams, PollResultsQuery } from "./class-schemas";
import { RoomParams } from "./schemas";

const tags = ["rooms"];

export const listPollsOp = defineOperation({
  method: "GET",
  path: "/api/rooms/{room_id}/polls",
  summary: "A room's polls, oldest first (participants only)",
  description:
    "Open and closed polls with their counts and the caller's `my_vote`. The host also gets each option's `voters`, except on anonymous polls. The socket `join_room` ack carries the same list.",
  tags,
  auth: "required",
  params: RoomParams,
  response: z.object({ polls: z.array(Poll) }),
  errors: [403, 404],
});

export const pollResultsOp = defineOperation({
  method: "GET",
  path: "/api/polls/{id}/results",
  summary: "A poll's results as CSV (the room's host only)",
  description: "One line per option: its text, votes, share of the voters and, unless the poll is anonymous, the voters' names.",
  tags,
  auth: "required",
  params: PollParams,
  query: PollResultsQuery,
  produces: "text/csv",
  errors: [403, 404],
});

export const classRoomOperations = [listPollsOp, pollResultsOp];
