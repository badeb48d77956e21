import "server-only";
import { subscribe } from "@/lib/events/bus";
import { namespace, roomChannel, userRoom } from "../registry";

/**
 * Who hears the class-interaction events of rooms (CONTRACT.md section 9). The host's views go
 * to the host's own sockets only (voters' names, anonymous askers), everyone else in the room
 * gets the participants' view; a voter's sockets get the poll with their `my_vote`.
 */
export function registerClassRoomListeners(): () => void {
  const rooms = () => namespace("/rooms");
  const stops = [
    subscribe("rooms.poll_updated", ({ roomId, hostId, poll, hostPoll, voter }) => {
      const nsp = rooms();
      if (!nsp) return;
      const except = [hostId, voter?.userId].filter((id): id is string => !!id).map(userRoom);
      nsp.to(roomChannel(roomId)).except(except).emit("poll_updated", { poll });
      if (hostId) nsp.to(userRoom(hostId)).emit("poll_updated", { poll: hostPoll });
      if (voter) nsp.to(userRoom(voter.userId)).emit("poll_updated", { poll: voter.poll });
    }),
    subscribe("rooms.questions_updated", ({ roomId, hostId, questions, hostQuestions }) => {
      const nsp = rooms();
      if (!nsp) return;
      const target = nsp.to(roomChannel(roomId));
      (hostId ? target.except(userRoom(hostId)) : target).emit("questions_updated", { room_id: roomId, questions });
      if (hostId) nsp.to(userRoom(hostId)).emit("questions_updated", { room_id: roomId, questions: hostQuestions });
    }),
    subscribe("rooms.hands_updated", ({ roomId, hands }) => {
      rooms()?.to(roomChannel(roomId)).emit("hands_updated", { room_id: roomId, hands });
    }),
    subscribe("rooms.moderation_changed", ({ roomId, hostId, moderation, hostModeration }) => {
      const nsp = rooms();
      if (!nsp) return;
      const target = nsp.to(roomChannel(roomId));
      (hostId ? target.except(userRoom(hostId)) : target).emit("moderation_changed", moderation);
      if (hostId) nsp.to(userRoom(hostId)).emit("moderation_changed", hostModeration);
    }),
    subscribe("rooms.participant_removed", ({ roomId, userId, banned }) => {
      // The removed user's sockets too: they may have the room open without being in its channel yet.
      rooms()?.to(roomChannel(roomId)).to(userRoom(userId)).emit("participant_removed", { room_id: roomId, user_id: userId, banned });
    }),
    subscribe("rooms.video_state_changed", ({ roomId, state, modeChanged }) => {
      namespace("/youtube")?.to(roomChannel(roomId)).emit("youtube_state", state);
      if (modeChanged) rooms()?.to(roomChannel(roomId)).emit("mode_changed", { room_id: roomId, mode: "youtube" });
    }),
  ];
  return () => stops.forEach((stop) => stop());
}
