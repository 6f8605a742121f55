'use client';

import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import { ChevronDown, LogOut, Settings, Shield, User } from 'lucide-react';
import Link from 'next/link';
import { signOut } from 'next-auth/react';
import { useState, type ReactNode } from 'react';
import { Avatar } from '@/components/ui/avatar';
import { RoleBadge } from '@/components/ui/badge';
import { Spinner } from '@/components/ui/spinner';

export interface MenuUser {
  username: string;
  displayName: string;
  email: string;
  avatar: string | null;
  role: 'user' | 'moderator' | 'admin' | 'super_admin';
}

const itemClasses =
  'flex cursor-pointer items-center gap-2.5 rounded-lg px-2.5 py-2 text-sm text-zinc-200 outline-none select-none ' +
  'data-[highlighted]:bg-zinc-800 data-[highlighted]:text-zinc-50 data-[disabled]:pointer-events-none data-[disabled]:opacity-60';

function LinkItem({ href, icon, children }: { href: string; icon: ReactNode; children: ReactNode }) {
  return (
    <DropdownMenu.Item asChild className={itemClasses}>
      <Link href={href}>
        {icon}
        {children}
      </Link>
    </DropdownMenu.Item>
  );
}

export function UserMenu({ user }: { user: MenuUser }) {
  const [signingOut, setSigningOut] = useState(false);
  const isAdmin = user.role === 'admin' || user.role === 'super_admin';

  async function handleSignOut() {
    setSigningOut(true);
    // next-auth's signOut event revokes the server session; the full reload drops any cached page.
    await signOut({ redirectTo: '/' });
  }

  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger
        aria-label="Account menu"
        className="group inline-flex items-center gap-2 rounded-full py-1 pr-2 pl-1 text-sm text-zinc-200 transition-colors hover:bg-zinc-800 focus-visible:outline-2 focus-visible:outline-violet-400 data-[state=open]:bg-zinc-800"
      >
        <Avatar name={user.displayName} src={user.avatar} size="sm" />
        <span className="hidden max-w-32 truncate font-medium sm:inline">{user.username}</span>
        <ChevronDown
          className="size-4 text-zinc-400 transition-transform group-data-[state=open]:rotate-180"
          aria-hidden="true"
        />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          align="end"
          sideOffset={8}
          collisionPadding={12}
          className="z-50 w-64 rounded-xl border border-zinc-800 bg-zinc-900 p-1.5 shadow-2xl shadow-black/50"
        >
          <DropdownMenu.Label className="flex items-center gap-3 px-2.5 py-2">
            <Avatar name={user.displayName} src={user.avatar} size="md" />
            <span className="flex min-w-0 flex-col">
              <span className="truncate text-sm font-medium text-zinc-50">{user.displayName}</span>
              <span className="truncate text-xs text-zinc-400">{user.email}</span>
              {user.role !== 'user' ? <RoleBadge role={user.role} className="mt-1 self-start" /> : null}
            </span>
          </DropdownMenu.Label>
          <DropdownMenu.Separator className="my-1 h-px bg-zinc-800" />
          <LinkItem href="/profile" icon={<User className="size-4 text-zinc-400" aria-hidden="true" />}>
            Profile
          </LinkItem>
          <LinkItem href="/settings" icon={<Settings className="size-4 text-zinc-400" aria-hidden="true" />}>
            Settings
          </LinkItem>
          {isAdmin ? (
            <LinkItem href="/admin/users" icon={<Shield className="size-4 text-zinc-400" aria-hidden="true" />}>
              Admin
            </LinkItem>
          ) : null}
          <DropdownMenu.Separator className="my-1 h-px bg-zinc-800" />
          <DropdownMenu.Item
            className={itemClasses}
            disabled={signingOut}
            onSelect={(event) => {
              // Keep the menu open while signing out so the progress stays visible.
              event.preventDefault();
              void handleSignOut();
            }}
          >
            {signingOut ? <Spinner className="text-zinc-400" /> : <LogOut className="size-4 text-zinc-400" aria-hidden="true" />}
            Sign out
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
