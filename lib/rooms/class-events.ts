import type { HandJson, ModerationJson, PollJson, QuestionJson, QueueItemJson } from "./class-schemas";
import type { YoutubeStateJson } from "./schemas";

/** The video state as sent since the queue exists (CONTRACT.md section 9). */
export type YoutubeStateWithQueue = YoutubeStateJson & { queue: QueueItemJson[]; skip_votes: number };

// What the class-interaction rules publish (lib/events/bus.ts); lib/realtime/listeners/class-room.ts
// decides who hears what: the host's views carry what participants must not see.
declare module "@/lib/events/bus" {
  interface DomainEvents {
    /** `poll` for everyone, `hostPoll` (voters' names unless anonymous) for the host, `voter` for the one who voted. */
    "rooms.poll_updated": {
      roomId: string;
      hostId: string | null;
      poll: PollJson;
      hostPoll: PollJson;
      voter?: { userId: string; poll: PollJson };
    };
    /** `questions` hide anonymous authors; `hostQuestions` show them (the host's moderation). */
    "rooms.questions_updated": { roomId: string; hostId: string | null; questions: QuestionJson[]; hostQuestions: QuestionJson[] };
    "rooms.hands_updated": { roomId: string; hands: HandJson[] };
    /** `hostModeration` adds the banned users, for the host only. */
    "rooms.moderation_changed": { roomId: string; hostId: string | null; moderation: ModerationJson; hostModeration: ModerationJson };
    "rooms.participant_removed": { roomId: string; userId: string; banned: boolean };
    "rooms.video_state_changed": { roomId: string; state: YoutubeStateWithQueue; modeChanged: boolean };
  }
}
