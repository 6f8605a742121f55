import { formatUnread } from './format';

export function UnreadBadge({ count }: { count: number }) {
  if (count <= 0) return null;
  return (
    <span
      className="ml-auto inline-flex h-5 min-w-5 shrink-0 items-center justify-center rounded-full bg-violet-600 px-1.5 text-[0.6875rem] font-semibold text-white tabular-nums"
    >
      {formatUnread(count)}
      <span className="sr-only"> unread</span>
    </span>
  );
}
