'use client';

import type { PeerDiagnostics } from './voice-call';

const fmt = (v: number | null, unit: string) => (v === null ? '—' : `${v} ${unit}`);

/** Per-connection numbers from getStats, for people debugging a bad line (and for the e2e tests). */
export function Diagnostics({ peers }: { peers: PeerDiagnostics[] }) {
  return (
    <details className="rounded-2xl border border-zinc-800 bg-zinc-900/60 p-4 text-sm">
      <summary className="cursor-pointer font-semibold text-zinc-100">Connection details</summary>
      {peers.length === 0 ? (
        <p className="mt-3 text-zinc-400">No one else is connected.</p>
      ) : (
        <div className="mt-3 overflow-x-auto">
          <table className="w-full text-left text-xs text-zinc-300">
            <thead className="text-zinc-400">
              <tr>
                <th className="py-1 pr-3 font-medium">Peer</th>
                <th className="py-1 pr-3 font-medium">State</th>
                <th className="py-1 pr-3 font-medium">RTT</th>
                <th className="py-1 pr-3 font-medium">Jitter</th>
                <th className="py-1 pr-3 font-medium">Lost</th>
                <th className="py-1 pr-3 font-medium">Received</th>
                <th className="py-1 pr-3 font-medium">Level</th>
                <th className="py-1 font-medium">Sending</th>
              </tr>
            </thead>
            <tbody>
              {peers.map((p) => (
                <tr key={p.userId} data-testid="peer-stats" data-user={p.username} data-bytes-received={p.bytesReceived} data-audio-level={p.audioLevel} data-audio-energy={p.audioEnergy} data-setup-retries={p.setupRetries}>
                  <td className="py-1 pr-3 font-medium text-zinc-100">{p.username}</td>
                  <td className="py-1 pr-3">
                    {p.connection}
                    {p.setupRetries ? <span className="text-amber-300"> · {p.setupRetries} setup {p.setupRetries === 1 ? 'retry' : 'retries'}</span> : null}
                  </td>
                  <td className="py-1 pr-3 tabular-nums">{fmt(p.rttMs, 'ms')}</td>
                  <td className="py-1 pr-3 tabular-nums">{fmt(p.jitterMs, 'ms')}</td>
                  <td className="py-1 pr-3 tabular-nums">{p.packetsLost}</td>
                  <td className="py-1 pr-3 tabular-nums">{(p.bytesReceived / 1024).toFixed(1)} KiB</td>
                  <td className="py-1 pr-3 tabular-nums">{p.audioLevel.toFixed(3)}</td>
                  <td className="py-1 font-mono text-[11px] break-all text-zinc-400" data-testid="sending-opus">
                    {Object.entries(p.sendingOpus)
                      .map(([k, v]) => `${k}=${v}`)
                      .join(';')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </details>
  );
}
