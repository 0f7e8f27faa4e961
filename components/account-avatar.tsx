/** The account's logo when it has one, else its initials on a colour derived from the slug. */
export function AccountAvatar({ slug, name, hasLogo, size = 32 }: { slug: string; name: string; hasLogo: boolean; size?: number }) {
  const style = { width: size, height: size };
  if (hasLogo) {
    // eslint-disable-next-line @next/next/no-img-element -- served by our own authorized route, not optimizable
    return <img src={`/${slug}/logo`} alt="" style={style} className="shrink-0 rounded object-cover" />;
  }
  const initials = name
    .split(/\s+/)
    .map((part) => part[0])
    .join("")
    .slice(0, 2)
    .toUpperCase();
  const hue = [...slug].reduce((sum, char) => sum + char.charCodeAt(0), 0) % 360;
  return (
    <span
      aria-hidden
      style={{ ...style, backgroundColor: `hsl(${hue} 50% 28%)`, fontSize: Math.max(9, size * 0.4) }}
      className="inline-flex shrink-0 items-center justify-center rounded font-semibold text-white"
    >
      {initials || "?"}
    </span>
  );
}
