import type { ReactNode } from 'react';
import { GearNav } from '@/components/gear/gear-nav';

/** Every Gear page shares the section's sub-navigation: My gear, Warranty, Catalogue. */
export default function GearLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <GearNav />
      {children}
    </>
  );
}
