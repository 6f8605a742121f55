import { clsx } from 'clsx';
import type { Ref, SelectHTMLAttributes } from 'react';
import { controlClasses } from './input';

export interface SelectProps extends SelectHTMLAttributes<HTMLSelectElement> {
  ref?: Ref<HTMLSelectElement>;
}

export function Select({ className, ...props }: SelectProps) {
  return <select className={clsx(controlClasses, 'h-10 pr-8', className)} {...props} />;
}
