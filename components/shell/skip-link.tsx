export function SkipLink() {
  return (
    <a
      href="#main-content"
      className="sr-only rounded-lg bg-violet-600 px-4 py-2 text-sm font-medium text-white focus:not-sr-only focus:fixed focus:top-3 focus:left-3 focus:z-[60]"
    >
      Skip to content
    </a>
  );
}
