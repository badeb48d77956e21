import "server-only";
import { roomChannel } from "./registry";
import type { Namespace, Socket } from "socket.io";
import {
  AskQuestion,
  CreatePoll,
  LowerHand,
  MuteParticipant,
  PollRef,
  QuestionRef,
  RaiseHand,
  RemoveParticipant,
  SetSlowMode,
  UnbanUser,
  Vote,
} from "@/lib/rooms/class-schemas";
import { lowerHand, listHands, raiseHand } from "@/lib/rooms/hands";
import { moderationState, muteParticipant, removeParticipant, setSlowMode, unbanUser } from "@/lib/rooms/moderation";
import { listNotes } from "@/lib/rooms/notes";
import { closePoll, createPoll, listPolls, vote } from "@/lib/rooms/polls";
import { answerQuestion, askQuestion, deleteQuestion, listQuestions, upvoteQuestion } from "@/lib/rooms/questions";
import { presentRoom } from "@/lib/rooms/present";
import { RoomRef, SendRoomMessage, SetControls, SetMode } from "@/lib/rooms/schemas";
import {
  broadcastParticipants,
  closeRoom,
  joinRoom,
  leaveRoom,
  listParticipants,
  recentMessages,
  requireParticipant,
  sendRoomMessage,
  setControls,
  setMode,
} from "@/lib/rooms/service";
import { onEvent } from "./handler";
import type { RoomsClientEvents, RoomsServerEvents, SocketData } from "./types";

type RoomsSocket = Socket<RoomsClientEvents, RoomsServerEvents, never, SocketData>;

const codesOf = (socket: Socket) => [...socket.rooms].filter((r) => r.startsWith("room:")).map((r) => r.slice(5));

/** `/rooms`: membership, participants, room chat, mode and controls, closing. */
export function attachRooms(nsp: Namespace): void {
  nsp.on("connection", (raw) => {
    const socket = raw as unknown as RoomsSocket;
    const s = socket as never;

    onEvent(s, "join_room", RoomRef, async ({ room_id }, { user }) => {
      await joinRoom(user.id, room_id);
      // In the channel before anything is read for the ack (the room too): a change committed
      // after a read then reaches this socket as an event, so the ack or a later event carries
      // it. Read first, a mode switched meanwhile was lost (the guest never saw the video).
      await socket.join(roomChannel(room_id));
      const room = await requireParticipant(user.id, room_id).catch(async (err: unknown) => {
        await socket.leave(roomChannel(room_id));
        throw err;
      });
      const [participants, messages, notes, polls, questions, hands, moderation] = await Promise.all([
        listParticipants(room_id, room.hostId),
        recentMessages(room_id),
        listNotes(user.id, room_id),
        listPolls(user.id, room_id),
        listQuestions(user.id, room_id),
        listHands(room_id),
        moderationState(room_id, { host: room.hostId === user.id }),
      ]);
      socket.to(roomChannel(room_id)).emit("participants", { room_id, participants });
      return { room: presentRoom(room), participants, messages, notes, polls, questions, hands, moderation };
    });

    onEvent(s, "leave_room", RoomRef, async ({ room_id }, { user }) => {
      await leaveRoom(user.id, room_id);
      return {};
    });

    onEvent(s, "send_message", SendRoomMessage, async ({ room_id, content, client_id }, { user }) => ({
      message: await sendRoomMessage(user.id, room_id, content, client_id, socket.rooms.has(roomChannel(room_id))),
    }));

    onEvent(s, "set_mode", SetMode, async ({ room_id, mode }, { user }) => ({ room: presentRoom(await setMode(user.id, room_id, mode)) }));
    onEvent(s, "set_controls", SetControls, async ({ room_id, controls }, { user }) => ({
      room: presentRoom(await setControls(user.id, room_id, controls)),
    }));
    onEvent(s, "close_room", RoomRef, async ({ room_id }, { user }) => ({ room: presentRoom(await closeRoom(user.id, room_id)) }));

    // Class interaction (CONTRACT.md section 9): lib/rooms/{polls,questions,hands,moderation}.ts.
    onEvent(s, "create_poll", CreatePoll, async (input, { user }) => ({ poll: await createPoll(user.id, input) }));
    onEvent(s, "vote", Vote, async ({ poll_id, option_ids }, { user }) => ({ poll: await vote(user.id, poll_id, option_ids) }));
    onEvent(s, "close_poll", PollRef, async ({ poll_id }, { user }) => ({ poll: await closePoll(user.id, poll_id) }));
    onEvent(s, "ask_question", AskQuestion, async (input, { user }) => ({ question: await askQuestion(user.id, input) }));
    onEvent(s, "upvote_question", QuestionRef, async ({ question_id }, { user }) => upvoteQuestion(user.id, question_id));
    onEvent(s, "answer_question", QuestionRef, async ({ question_id }, { user }) => ({
      questions: await answerQuestion(user.id, question_id),
    }));
    onEvent(s, "delete_question", QuestionRef, async ({ question_id }, { user }) => ({
      questions: await deleteQuestion(user.id, question_id),
    }));
    onEvent(s, "raise_hand", RaiseHand, async ({ room_id, raised }, { user }) => ({ hands: await raiseHand(user.id, room_id, raised) }));
    onEvent(s, "lower_hand", LowerHand, async ({ room_id, user_id }, { user }) => ({ hands: await lowerHand(user.id, room_id, user_id) }));
    onEvent(s, "mute_participant", MuteParticipant, async ({ room_id, user_id, minutes }, { user }) => ({
      moderation: await muteParticipant(user.id, room_id, user_id, minutes),
    }));
    onEvent(s, "remove_participant", RemoveParticipant, async ({ room_id, user_id, ban }, { user }) => {
      await removeParticipant(user.id, room_id, user_id, ban ?? false);
      return {};
    });
    onEvent(s, "unban_user", UnbanUser, async ({ room_id, user_id }, { user }) => ({
      moderation: await unbanUser(user.id, room_id, user_id),
    }));
    onEvent(s, "set_slow_mode", SetSlowMode, async ({ room_id, seconds }, { user }) => ({
      moderation: await setSlowMode(user.id, room_id, seconds),
    }));

    // A dropped connection is not leaving: the participant stays, shown offline.
    let rooms: string[] = [];
    raw.on("disconnecting", () => (rooms = codesOf(raw)));
    raw.on("disconnect", () => {
      for (const code of rooms) void broadcastParticipants(code).catch(() => {});
    });
  });
}
