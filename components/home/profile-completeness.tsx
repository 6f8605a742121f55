import { Check, Circle } from 'lucide-react';
import { ButtonLink } from '@/components/ui/button-link';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';

interface Step {
  label: string;
  done: boolean;
}

/** Nudges a new member to fill in their names and bio; hidden once everything is there. */
export function ProfileCompleteness({ steps }: { steps: Step[] }) {
  const done = steps.filter((s) => s.done).length;
  const percent = Math.round((done / steps.length) * 100);
  return (
    <Card>
      <CardHeader>
        <CardTitle>Complete your profile</CardTitle>
        <CardDescription>Musicians are more likely to connect when they know who you are.</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-5">
        <div>
          <div className="flex justify-between text-sm">
            <span id="profile-progress-label" className="text-zinc-300">
              Profile progress
            </span>
            <span className="font-medium text-zinc-50 tabular-nums">{percent}%</span>
          </div>
          <div
            role="progressbar"
            aria-labelledby="profile-progress-label"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent}
            className="mt-2 h-2 overflow-hidden rounded-full bg-zinc-800"
          >
            <div className="h-full rounded-full bg-violet-500" style={{ width: `${percent}%` }} />
          </div>
        </div>
        <ul className="flex flex-col gap-2 text-sm">
          {steps.map((step) => (
            <li key={step.label} className="flex items-center gap-2.5">
              {step.done ? (
                <Check className="size-4 text-emerald-300" aria-hidden="true" />
              ) : (
                <Circle className="size-4 text-zinc-500" aria-hidden="true" />
              )}
              <span className={step.done ? 'text-zinc-400 line-through decoration-zinc-600' : 'text-zinc-200'}>
                {step.label}
              </span>
              <span className="sr-only">{step.done ? '(done)' : '(to do)'}</span>
            </li>
          ))}
        </ul>
        <ButtonLink href="/profile#edit-profile" className="self-start">
          Finish your profile
        </ButtonLink>
      </CardContent>
    </Card>
  );
}
