'use client';

import { clsx } from 'clsx';
import { CircleAlert, CircleCheck, Info, X } from 'lucide-react';
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';

type ToastTone = 'success' | 'error' | 'info';

interface ToastInput {
  title: string;
  description?: string;
  tone?: ToastTone;
}

interface ToastItem extends Required<Omit<ToastInput, 'description'>> {
  id: number;
  description?: string;
}

const ToastContext = createContext<((toast: ToastInput) => void) | null>(null);

const icons = { success: CircleCheck, error: CircleAlert, info: Info } as const;
const iconColours = { success: 'text-emerald-300', error: 'text-red-300', info: 'text-violet-300' } as const;
const TOAST_MS = 5000;

/** Short confirmations ("Profile saved") in one polite live region, bottom right. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<ToastItem[]>([]);
  const nextId = useRef(1);

  const dismiss = useCallback((id: number) => setToasts((all) => all.filter((t) => t.id !== id)), []);

  const show = useCallback(
    ({ title, description, tone = 'success' }: ToastInput) => {
      const id = nextId.current++;
      setToasts((all) => [...all.slice(-2), { id, title, description, tone }]);
      window.setTimeout(() => dismiss(id), TOAST_MS);
    },
    [dismiss],
  );

  const value = useMemo(() => show, [show]);

  return (
    <ToastContext.Provider value={value}>
      {children}
      <div
        aria-live="polite"
        aria-label="Notifications"
        role="region"
        className="pointer-events-none fixed inset-x-4 bottom-4 z-50 flex flex-col items-end gap-2 sm:inset-x-auto sm:right-6 sm:bottom-6"
      >
        {toasts.map((t) => {
          const Icon = icons[t.tone];
          return (
            <div
              key={t.id}
              className="pointer-events-auto flex w-full max-w-sm animate-toast-in items-start gap-3 rounded-xl border border-zinc-700 bg-zinc-900 px-4 py-3 shadow-xl shadow-black/40"
            >
              <Icon className={clsx('mt-0.5 size-5 shrink-0', iconColours[t.tone])} aria-hidden="true" />
              <div className="min-w-0 flex-1 text-sm">
                <p className="font-medium text-zinc-50">{t.title}</p>
                {t.description ? <p className="mt-0.5 text-zinc-400">{t.description}</p> : null}
              </div>
              <button
                type="button"
                onClick={() => dismiss(t.id)}
                className="-m-1 rounded-md p-1 text-zinc-400 hover:bg-zinc-800 hover:text-zinc-100"
                aria-label="Dismiss notification"
              >
                <X className="size-4" aria-hidden="true" />
              </button>
            </div>
          );
        })}
      </div>
    </ToastContext.Provider>
  );
}

export function useToast(): (toast: ToastInput) => void {
  const toast = useContext(ToastContext);
  if (!toast) throw new Error('useToast needs a <ToastProvider> above it');
  return toast;
}
