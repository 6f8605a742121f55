'use client';

import { clsx } from 'clsx';
import { X } from 'lucide-react';
import { useEffect, useId, useRef, type ReactNode } from 'react';

interface ModalProps {
  open: boolean;
  title: ReactNode;
  description?: ReactNode;
  /** Called on Escape, the close button and a click on the backdrop, unless `dismissible` is false. */
  onClose: () => void;
  dismissible?: boolean;
  size?: 'sm' | 'md' | 'lg' | 'xl';
  children?: ReactNode;
  footer?: ReactNode;
  className?: string;
}

const widths = { sm: 'max-w-md', md: 'max-w-lg', lg: 'max-w-2xl', xl: 'max-w-5xl' } as const;

/**
 * A modal dialog on the native <dialog> element: the browser traps focus, makes the rest of the
 * page inert, restores focus on close and names it through aria-labelledby.
 */
export function Modal({ open, title, description, onClose, dismissible = true, size = 'sm', children, footer, className }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    else if (!open && dialog.open) dialog.close();
  }, [open]);

  // The element stays mounted while closed, so close() runs and the browser returns focus to the trigger.
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onCancel={(event) => {
        event.preventDefault();
        if (dismissible) onClose();
      }}
      onClick={(event) => {
        // A click on the ::backdrop lands on the dialog element itself.
        if (dismissible && event.target === event.currentTarget) onClose();
      }}
      className={clsx(
        'm-auto w-[calc(100%-2rem)] rounded-2xl border border-zinc-800 bg-zinc-900 p-0 text-zinc-100 shadow-2xl shadow-black/60',
        'backdrop:bg-black/70 backdrop:backdrop-blur-sm',
        widths[size],
        className,
      )}
    >
      {open ? (
        <div className="flex max-h-[calc(100dvh-2rem)] flex-col">
          <div className="flex items-start justify-between gap-4 px-6 pt-5 pb-3">
            <div className="flex min-w-0 flex-col gap-1">
              <h2 id={titleId} className="text-lg font-semibold tracking-tight break-words text-zinc-50">
                {title}
              </h2>
              {description ? (
                <div id={descriptionId} className="text-sm text-zinc-400">
                  {description}
                </div>
              ) : null}
            </div>
            {dismissible ? (
              <button
                type="button"
                onClick={onClose}
                aria-label="Close"
                className="-mr-2 rounded-lg p-1.5 text-zinc-400 hover:bg-zinc-800 hover:text-zinc-100"
              >
                <X className="size-5" aria-hidden="true" />
              </button>
            ) : null}
          </div>
          {children ? <div className="min-h-0 overflow-y-auto px-6 pb-5">{children}</div> : null}
          {footer ? (
            <div className="flex flex-wrap justify-end gap-2 border-t border-zinc-800 px-6 py-4">{footer}</div>
          ) : null}
        </div>
      ) : null}
    </dialog>
  );
}
