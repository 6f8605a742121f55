const monthYear = new Intl.DateTimeFormat('en', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const shortDate = new Intl.DateTimeFormat('en', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

export function formatMonthYear(iso: string): string {
  return monthYear.format(new Date(iso));
}

export function formatShortDate(iso: string | null | undefined): string {
  return iso ? shortDate.format(new Date(iso)) : '—';
}

export function fullNameOf(p: { first_name: string | null; last_name: string | null; username: string }): string {
  return [p.first_name, p.last_name].filter(Boolean).join(' ') || p.username;
}
