import { defineEndpoint } from '../http/endpoint';
import { idParams } from '../http/schemas';
import {
  addMemberSchema,
  anyMessageSchema,
  conversationSchema,
  createRoomSchema,
  directMessageSchema,
  editSchema,
  historyQuery,
  listConversationsQuery,
  listRoomsQuery,
  messageSchema,
  readResultSchema,
  readSchema,
  roomParams,
  roomSchema,
  sendSchema,
  userParams,
} from './schemas';

const privacy =
  'A private room answers 404 ROOM_NOT_FOUND to anyone who is not a member, exactly like a missing room, whatever their role.';

const historyRules =
  'Paged by message id, so it stays exact while messages arrive: `before` (a message id, or an ISO-8601 timestamp) answers the latest `limit` messages before it; `since` (alias `after`, a message id) answers the first `limit` messages after it, for filling the gap after a reconnect. Either way the answer is oldest first; fewer than `limit` items means there is nothing more in that direction. Deleted messages keep their place with `deleted: true` and empty `content`.';

const sendRules =
  'Content is 1–4000 characters after trimming, stored and returned as plain text. `client_id` (optional, ≤ 64 characters, unique per sender) makes a retry idempotent: resending with the same one answers the message already stored (same id) and delivers nothing again; reusing it for another target is 409 CONFLICT. The message is committed before the answer and before anyone receives it live.';

export const listRooms = defineEndpoint({
  method: 'GET',
  path: '/chat/rooms',
  tag: 'Chat',
  summary: 'Public rooms and the private rooms you belong to',
  description:
    'Sorted by name. `q` matches part of the name; `member=true` lists only your rooms (the sidebar), `member=false` the ones you could join. Each room carries `is_member`, `unread_count` (messages from others after your read mark) and `last_activity`.',
  auth: 'user',
  query: listRoomsQuery,
  response: roomSchema,
  paginated: true,
});

export const createRoom = defineEndpoint({
  method: 'POST',
  path: '/chat/rooms',
  tag: 'Chat',
  summary: 'Create a room; you become its first member',
  description:
    'Names match `^[a-z0-9][a-z0-9_-]{1,99}$` and are unique across public and private rooms (409 ROOM_EXISTS). Your open sockets start following the room at once.',
  auth: 'user',
  body: createRoomSchema,
  response: roomSchema,
  status: 201,
  errors: ['ROOM_EXISTS'],
});

export const getRoom = defineEndpoint({
  method: 'GET',
  path: '/chat/rooms/{room}',
  tag: 'Chat',
  summary: 'One room, by name',
  description: privacy,
  auth: 'user',
  params: roomParams,
  response: roomSchema,
  errors: ['ROOM_NOT_FOUND'],
});

export const addMember = defineEndpoint({
  method: 'POST',
  path: '/chat/rooms/{room}/members',
  tag: 'Chat',
  summary: 'Add a member (an invitation), or join a public room yourself',
  description: `Members invite anyone who is not banned (404 USER_NOT_FOUND otherwise); a non-member may only add themself, to a public room (403 PERMISSION_DENIED for anyone else). Idempotent; answers the room. The new member's sockets start following the room, and the room gets \`member_joined {room, user_id, username, invited_by}\`. The room of a private voice channel has the channel's members: 409 INVALID_STATE here, use \`POST /channels/{id}/members\`. ${privacy}`,
  auth: 'user',
  params: roomParams,
  body: addMemberSchema,
  response: roomSchema,
  errors: ['ROOM_NOT_FOUND', 'USER_NOT_FOUND', 'PERMISSION_DENIED', 'INVALID_STATE'],
});

export const leaveRoom = defineEndpoint({
  method: 'DELETE',
  path: '/chat/rooms/{room}/members/me',
  tag: 'Chat',
  summary: 'Leave a room',
  description: `Your membership and read mark go; your sockets stop following the room and the room gets \`member_left\`. Idempotent for a public room you are not in. A private voice channel's room is left by leaving the channel (\`DELETE /channels/{id}/members/{user_id}\`): 409 INVALID_STATE here. ${privacy}`,
  auth: 'user',
  params: roomParams,
  errors: ['ROOM_NOT_FOUND', 'INVALID_STATE'],
});

export const markRoomRead = defineEndpoint({
  method: 'POST',
  path: '/chat/rooms/{room}/read',
  tag: 'Chat',
  summary: 'Move your read mark in a room (for unread counts)',
  description: `\`up_to\` defaults to the latest message; the mark never moves back. Members only (403 otherwise). Your other tabs get \`read {by, room, up_to}\`. ${privacy}`,
  auth: 'user',
  params: roomParams,
  body: readSchema,
  response: readResultSchema,
  errors: ['ROOM_NOT_FOUND', 'PERMISSION_DENIED'],
});

export const listRoomMessages = defineEndpoint({
  method: 'GET',
  path: '/chat/rooms/{room}/messages',
  tag: 'Chat',
  summary: "A page of a room's history, oldest first",
  description: `${historyRules} ${privacy}`,
  auth: 'user',
  params: roomParams,
  query: historyQuery,
  response: messageSchema.array(),
  errors: ['ROOM_NOT_FOUND'],
});

export const sendRoomMessage = defineEndpoint({
  method: 'POST',
  path: '/chat/rooms/{room}/messages',
  tag: 'Chat',
  summary: 'Send a message to a room; it is delivered live as `message`',
  description: `${sendRules} Sending to a public room makes you a member. ${privacy}`,
  auth: 'user',
  params: roomParams,
  body: sendSchema,
  response: messageSchema,
  status: 201,
  errors: ['ROOM_NOT_FOUND', 'CONFLICT'],
});

const messageAccess =
  'A message you cannot see (a private room you are not in, someone else\'s DM) is 404 NOT_FOUND, whatever your role.';

export const editMessage = defineEndpoint({
  method: 'PATCH',
  path: '/chat/messages/{id}',
  tag: 'Chat',
  summary: 'Edit your message (room or DM)',
  description: `Its author only (403 otherwise); a deleted message is 409 INVALID_STATE. Everyone who can see it gets \`message_updated\` with the whole message. ${messageAccess}`,
  auth: 'user',
  params: idParams,
  body: editSchema,
  response: anyMessageSchema,
  errors: ['NOT_FOUND', 'PERMISSION_DENIED', 'INVALID_STATE'],
});

export const deleteMessage = defineEndpoint({
  method: 'DELETE',
  path: '/chat/messages/{id}',
  tag: 'Chat',
  summary: 'Delete a message: its author, or a moderator in rooms',
  description: `A soft delete: the message keeps its id and place in history (so paging and unread counts stay consistent) with \`deleted: true\` and its content erased. Answers the deleted message; idempotent. Everyone who can see it gets \`message_deleted\`. ${messageAccess}`,
  auth: 'user',
  params: idParams,
  response: anyMessageSchema,
  errors: ['NOT_FOUND', 'PERMISSION_DENIED'],
});

const dmAccess =
  'Yourself is 400 INVALID_INPUT; a missing or banned user is 404 USER_NOT_FOUND. A conversation is visible only to its two users.';

export const listDirectMessages = defineEndpoint({
  method: 'GET',
  path: '/chat/dm/{user_id}',
  tag: 'Chat',
  summary: 'A page of your direct messages with a user, oldest first',
  description: `${historyRules} ${dmAccess}`,
  auth: 'user',
  params: userParams,
  query: historyQuery,
  response: directMessageSchema.array(),
  errors: ['USER_NOT_FOUND'],
});

export const sendDirectMessage = defineEndpoint({
  method: 'POST',
  path: '/chat/dm/{user_id}',
  tag: 'Chat',
  summary: 'Send a direct message; every tab of both users gets it live as `dm`',
  description: `${sendRules} ${dmAccess}`,
  auth: 'user',
  params: userParams,
  body: sendSchema,
  response: directMessageSchema,
  status: 201,
  errors: ['USER_NOT_FOUND', 'CONFLICT'],
});

export const markConversationRead = defineEndpoint({
  method: 'POST',
  path: '/chat/dm/{user_id}/read',
  tag: 'Chat',
  summary: "Mark that user's messages to you read",
  description: `Up to \`up_to\` (default: all). When anything changed, both users' tabs get \`read {by, with, up_to}\` (\`by\` is the reader, \`with\` the other user): a read receipt for the sender, a badge update for the reader's other tabs. ${dmAccess}`,
  auth: 'user',
  params: userParams,
  body: readSchema,
  response: readResultSchema,
  errors: ['USER_NOT_FOUND'],
});

export const listConversations = defineEndpoint({
  method: 'GET',
  path: '/chat/conversations',
  tag: 'Chat',
  summary: 'Your direct-message conversations, latest activity first',
  description:
    '`last_message` is the latest message either way (a whole DM object), `unread_count` the messages from that user you have not read, `is_online` whether they have an open realtime connection now, `last_seen` when their last one closed. Conversations with banned users are left out.',
  auth: 'user',
  query: listConversationsQuery,
  response: conversationSchema,
  paginated: true,
});
