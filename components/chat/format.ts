// Chat times are the reader's local time (the rest of the app shows UTC dates, which is right for
// warranties, not for "Yesterday at 23:50").
const time = new Intl.DateTimeFormat('en', { hour: 'numeric', minute: '2-digit' });
const weekdayDate = new Intl.DateTimeFormat('en', { weekday: 'long', month: 'long', day: 'numeric' });
const fullDate = new Intl.DateTimeFormat('en', { weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' });
const shortDate = new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric' });
const fullTimestamp = new Intl.DateTimeFormat('en', { dateStyle: 'full', timeStyle: 'short' });

function startOfDay(date: Date): number {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
}

/** Whole local days from `date` to `now` (0 today, 1 yesterday). */
function daysAgo(date: Date, now: Date): number {
  return Math.round((startOfDay(now) - startOfDay(date)) / 86_400_000);
}

/** "2:05 PM" */
export function formatTime(value: string | Date): string {
  return time.format(new Date(value));
}

/** The full date and time, for a timestamp's tooltip. */
export function formatFullTimestamp(value: string | Date): string {
  return fullTimestamp.format(new Date(value));
}

/** A day separator: "Today", "Yesterday", "Monday, March 3", or with the year when it is not this year's. */
export function formatDay(date: Date, now = new Date()): string {
  const days = daysAgo(date, now);
  if (days === 0) return 'Today';
  if (days === 1) return 'Yesterday';
  return date.getFullYear() === now.getFullYear() ? weekdayDate.format(date) : fullDate.format(date);
}

/** The sidebar's time of the last activity: "2:05 PM" today, "Yesterday", then "Mar 3". */
export function formatActivity(value: string, now = new Date()): string {
  const date = new Date(value);
  const days = daysAgo(date, now);
  if (days === 0) return time.format(date);
  if (days === 1) return 'Yesterday';
  return shortDate.format(date);
}

/** "Online", "Last seen just now", "Last seen 12 min ago", "Last seen yesterday at 9:10 PM", "Last seen Mar 3". */
export function formatPresence(presence: { isOnline: boolean; lastSeen: string | null }, now = new Date()): string {
  if (presence.isOnline) return 'Online';
  if (!presence.lastSeen) return 'Offline';
  const seen = new Date(presence.lastSeen);
  const minutes = Math.floor((now.getTime() - seen.getTime()) / 60_000);
  if (minutes < 1) return 'Last seen just now';
  if (minutes < 60) return `Last seen ${minutes} min ago`;
  const days = daysAgo(seen, now);
  if (days === 0) return `Last seen today at ${time.format(seen)}`;
  if (days === 1) return `Last seen yesterday at ${time.format(seen)}`;
  return `Last seen ${shortDate.format(seen)}`;
}

/** "Ava is typing…", "Ava and Leo are typing…", "Ava, Leo and Mia are typing…", then "Several people are typing…". */
export function typingLine(names: readonly string[]): string {
  if (names.length === 0) return '';
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
  if (names.length === 3) return `${names[0]}, ${names[1]} and ${names[2]} are typing…`;
  return 'Several people are typing…';
}

/** Badge text: exact up to 99. */
export function formatUnread(count: number): string {
  return count > 99 ? '99+' : String(count);
}
