import "server-only";
import { roomChannel, type AppNamespace, type AppSocket } from "./registry";
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
import { muteParticipant, removeParticipant, setSlowMode, unbanUser } from "@/lib/rooms/moderation";
import { moderationState } from "@/lib/rooms/moderation-state";
import { listNotes } from "@/lib/rooms/notes";
import { closePoll, createPoll, listPolls, vote } from "@/lib/rooms/polls";
import { answerQuestion, askQuestion, deleteQuestion, listQuestions, upvoteQuestion } from "@/lib/rooms/questions";
import { requireParticipant } from "@/lib/rooms/access";
import { presentRoom } from "@/lib/rooms/present";
import { RoomRef, SendRoomMessage, SetControls, SetMode } from "@/lib/rooms/schemas";
import { broadcastParticipants, closeRoom, joinRoom, leaveRoom, listParticipants, setControls, setMode } from "@/lib/rooms/service";
import { recentMessages, sendRoomMessage } from "@/lib/rooms/messages";
import { onEvent } from "./handler";

const codesOf = (socket: AppSocket<"/rooms">) => [...socket.rooms].filter((r) => r.startsWith("room:")).map((r) => r.slice(5));

/** `/rooms`: membership, participants, room chat, mode and controls, closing. */
export function attachRooms(nsp: AppNamespace<"/rooms">): void {
  nsp.on("connection", (socket) => {
    onEvent(socket, "join_room", RoomRef, async ({ room_id }, { user }) => {
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

    onEvent(socket, "leave_room", RoomRef, async ({ room_id }, { user }) => {
      await leaveRoom(user.id, room_id);
      return {};
    });

    onEvent(socket, "send_message", SendRoomMessage, async ({ room_id, content, client_id }, { user }) => ({
      message: await sendRoomMessage(user.id, room_id, content, client_id, socket.rooms.has(roomChannel(room_id))),
    }));

    onEvent(socket, "set_mode", SetMode, async ({ room_id, mode }, { user }) => ({
      room: presentRoom(await setMode(user.id, room_id, mode)),
    }));
    onEvent(socket, "set_controls", SetControls, async ({ room_id, controls }, { user }) => ({
      room: presentRoom(await setControls(user.id, room_id, controls)),
    }));
    onEvent(socket, "close_room", RoomRef, async ({ room_id }, { user }) => ({ room: presentRoom(await closeRoom(user.id, room_id)) }));

    // Class interaction (CONTRACT.md section 9): lib/rooms/{polls,questions,hands,moderation}.ts.
    onEvent(socket, "create_poll", CreatePoll, async (input, { user }) => ({ poll: await createPoll(user.id, input) }));
    onEvent(socket, "vote", Vote, async ({ poll_id, option_ids }, { user }) => ({ poll: await vote(user.id, poll_id, option_ids) }));
    onEvent(socket, "close_poll", PollRef, async ({ poll_id }, { user }) => ({ poll: await closePoll(user.id, poll_id) }));
    onEvent(socket, "ask_question", AskQuestion, async (input, { user }) => ({ question: await askQuestion(user.id, input) }));
    onEvent(socket, "upvote_question", QuestionRef, async ({ question_id }, { user }) => upvoteQuestion(user.id, question_id));
    onEvent(socket, "answer_question", QuestionRef, async ({ question_id }, { user }) => ({
      questions: await answerQuestion(user.id, question_id),
    }));
    onEvent(socket, "delete_question", QuestionRef, async ({ question_id }, { user }) => ({
      questions: await deleteQuestion(user.id, question_id),
    }));
    onEvent(socket, "raise_hand", RaiseHand, async ({ room_id, raised }, { user }) => ({
      hands: await raiseHand(user.id, room_id, raised),
    }));
    onEvent(socket, "lower_hand", LowerHand, async ({ room_id, user_id }, { user }) => ({
      hands: await lowerHand(user.id, room_id, user_id),
    }));
    onEvent(socket, "mute_participant", MuteParticipant, async ({ room_id, user_id, minutes }, { user }) => ({
      moderation: await muteParticipant(user.id, room_id, user_id, minutes),
    }));
    onEvent(socket, "remove_participant", RemoveParticipant, async ({ room_id, user_id, ban }, { user }) => {
      await removeParticipant(user.id, room_id, user_id, ban ?? false);
      return {};
    });
    onEvent(socket, "unban_user", UnbanUser, async ({ room_id, user_id }, { user }) => ({
      moderation: await unbanUser(user.id, room_id, user_id),
    }));
    onEvent(socket, "set_slow_mode", SetSlowMode, async ({ room_id, seconds }, { user }) => ({
      moderation: await setSlowMode(user.id, room_id, seconds),
    }));

    // A dropped connection is not leaving: the participant stays, shown offline.
    let rooms: string[] = [];
    socket.on("disconnecting", () => (rooms = codesOf(socket)));
    socket.on("disconnect", () => {
      for (const code of rooms) void broadcastParticipants(code).catch(() => {});
    });
  });
}
