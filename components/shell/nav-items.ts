import { AudioWaveform, Guitar, Headphones, House, Library, MessagesSquare, Radio, Store, type LucideIcon } from 'lucide-react';

export interface NavItem {
  href: string;
  label: string;
  icon: LucideIcon;
  /** Not built yet: the link opens the section's "coming soon" page. */
  soon?: boolean;
  summary: string;
  /** What the section will offer, shown on its coming-soon page. */
  planned?: string[];
}

export const navItems: NavItem[] = [
  { href: '/', label: 'Home', icon: House, summary: 'Your dashboard and what is new on Talas.' },
  {
    href: '/gear',
    label: 'Gear',
    icon: Guitar,
    summary: 'Your instruments and studio gear, with warranties, manuals and the catalogue.',
  },
  {
    href: '/resources',
    label: 'Resources',
    icon: Library,
    summary: 'Guides from the Talas team and samples, presets and projects shared by musicians.',
  },
  {
    href: '/tracks',
    label: 'Tracks',
    icon: AudioWaveform,
    summary: 'Upload and share tracks with waveforms, plays and likes.',
  },
  {
    href: '/chat',
    label: 'Chat',
    icon: MessagesSquare,
    summary: 'Rooms and direct messages with other musicians.',
  },
  {
    href: '/voice',
    label: 'Voice',
    icon: Headphones,
    summary: 'Drop into voice rooms to jam, talk shop or review a mix.',
  },
  {
    href: '/marketplace',
    label: 'Marketplace',
    icon: Store,
    soon: true,
    summary: 'Buy, sell and trade gear with the community.',
    planned: ['List gear from your collection', 'Make and accept offers', 'Trade safely with people you know'],
  },
  {
    href: '/radio',
    label: 'Radio',
    icon: Radio,
    soon: true,
    summary: 'Community radio: everyone hears the same track at the same time.',
    planned: ['Stations playing community tracks', 'A shared queue you can add to', 'Listen along with others live'],
  },
];

export function isActive(pathname: string, href: string): boolean {
  return href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`);
}
