import { clsx } from 'clsx';
import type { HTMLAttributes } from 'react';

export function Card({ className, ...props }: HTMLAttributes<HTMLDivElement>) {
  return (
    <div
      className={clsx('rounded-2xl border border-zinc-800 bg-zinc-900/60 shadow-lg shadow-black/20', className)}
      {...props}
    />
  );
}

export function CardHeader({ className, ...props }: HTMLAttributes<HTMLDivElement>) {
  return <div className={clsx('flex flex-col gap-1.5 px-6 pt-6', className)} {...props} />;
}

interface CardTitleProps extends HTMLAttributes<HTMLHeadingElement> {
  as?: 'h1' | 'h2' | 'h3';
  size?: 'md' | 'lg';
}

export function CardTitle({ as: Heading = 'h2', size = 'md', className, ...props }: CardTitleProps) {
  return (
    <Heading
      className={clsx('font-semibold tracking-tight text-zinc-50', size === 'lg' ? 'text-2xl' : 'text-lg', className)}
      {...props}
    />
  );
}

export function CardDescription({ className, ...props }: HTMLAttributes<HTMLParagraphElement>) {
  return <p className={clsx('text-sm text-zinc-400', className)} {...props} />;
}

export function CardContent({ className, ...props }: HTMLAttributes<HTMLDivElement>) {
  return <div className={clsx('px-6 py-6', className)} {...props} />;
}

export function CardFooter({ className, ...props }: HTMLAttributes<HTMLDivElement>) {
  return (
    <div
      className={clsx('flex flex-wrap items-center gap-3 border-t border-zinc-800 px-6 py-4', className)}
      {...props}
    />
  );
}
