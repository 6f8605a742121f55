import { clsx } from 'clsx';
import type { Ref, TextareaHTMLAttributes } from 'react';
import { controlClasses } from './input';

export interface TextareaProps extends TextareaHTMLAttributes<HTMLTextAreaElement> {
  ref?: Ref<HTMLTextAreaElement>;
}

export function Textarea({ className, rows = 4, ...props }: TextareaProps) {
  return <textarea rows={rows} className={clsx(controlClasses, 'min-h-24 resize-y py-2 leading-relaxed', className)} {...props} />;
}
