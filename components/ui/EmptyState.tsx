import type { ReactNode } from "react";
import { cx } from "@/lib/ui/cx";
import { Icon, type IconName } from "./Icon";

interface EmptyStateProps {
  icon?: IconName;
  title: ReactNode;
  description?: ReactNode;
  /** Usually one ButtonLink or Button leading to the next step. */
  action?: ReactNode;
  /** Heading level of the title (h3 inside a card by default; 1 when it is the whole page). */
  level?: 1 | 2 | 3;
  className?: string;
}

/** What a list shows when it has nothing yet: an icon, a friendly sentence and the next step. */
export function EmptyState({ icon = "sparkles", title, description, action, level = 3, className }: EmptyStateProps) {
  const Heading = (["h1", "h2", "h3"] as const)[level - 1]!;
  return (
    <div className={cx("flex flex-col items-center px-4 py-8 text-center", className)}>
      <div className="mb-4 grid size-12 place-items-center rounded-full bg-accent-soft text-accent-soft-fg">
        <Icon name={icon} size={22} />
      </div>
      <Heading className="text-sm font-semibold text-fg">{title}</Heading>
      {description ? <p className="mt-1 max-w-xs text-sm text-fg-muted">{description}</p> : null}
      {action ? <div className="mt-5">{action}</div> : null}
    </div>
  );
}
