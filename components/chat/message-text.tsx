import { linkify } from './linkify';

/**
 * A message's text with its http(s) links clickable. Everything renders as React text nodes, so
 * nothing a user types becomes markup.
 */
export function MessageText({ content }: { content: string }) {
  return (
    <>
      {linkify(content).map((segment, i) =>
        segment.kind === 'link' ? (
          <a
            key={i}
            href={segment.href}
            target="_blank"
            rel="noopener noreferrer nofollow"
            className="break-all text-violet-300 underline decoration-violet-400/40 underline-offset-2 hover:text-violet-200 hover:decoration-violet-300"
          >
            {segment.text}
          </a>
        ) : (
          segment.text
        ),
      )}
    </>
  );
}
