"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { apiFetch } from "@/lib/client/api";
import { useT } from "@/lib/i18n/client";
import { CreateRoomBody, RoomCode } from "@/lib/rooms/schemas";
import { Button } from "@/components/ui/Button";
import { Card, CardBody, CardHeader } from "@/components/ui/Card";
import { Field, Input } from "@/components/ui/Field";
import { apiErrorText } from "@/lib/client/error-text";

/** Create a room, or join one by its code. */
export function RoomLauncher() {
  const t = useT();
  const router = useRouter();
  const [name, setName] = useState("");
  const [nameError, setNameError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [code, setCode] = useState("");
  const [codeError, setCodeError] = useState<string | null>(null);
  const [joining, setJoining] = useState(false);

  async function create(e: FormEvent) {
    e.preventDefault();
    const parsed = CreateRoomBody.safeParse({ name });
    if (!parsed.success) return setNameError(t("validation.required"));
    setCreating(true);
    const res = await apiFetch<{ room: { room_id: string } }>("/api/rooms", { body: parsed.data });
    if (res.ok) return router.push(`/rooms/${res.data.room.room_id}`);
    setCreating(false);
    setNameError(apiErrorText(t, res));
  }

  async function join(e: FormEvent) {
    e.preventDefault();
    const parsed = RoomCode.safeParse(code);
    if (!parsed.success) return setCodeError(t("rooms.join.invalid"));
    setJoining(true);
    const res = await apiFetch(`/api/rooms/${parsed.data}/join`, { method: "POST" });
    if (res.ok) return router.push(`/rooms/${parsed.data}`);
    setJoining(false);
    setCodeError(res.status === 404 ? t("rooms.join.notFound") : res.status === 410 ? t("rooms.join.closed") : apiErrorText(t, res));
  }

  return (
    <div className="flex flex-col gap-6">
      <Card aria-labelledby="create-room">
        <CardHeader id="create-room" title={t("rooms.create.title")} />
        <CardBody>
          <form onSubmit={create} noValidate className="flex flex-col gap-4">
            <Field label={t("rooms.create.name")} error={nameError ?? undefined}>
              <Input
                name="name"
                value={name}
                maxLength={80}
                placeholder={t("rooms.create.namePlaceholder")}
                onChange={(e) => {
                  setName(e.target.value);
                  setNameError(null);
                }}
              />
            </Field>
            <Button type="submit" loading={creating} loadingText={t("rooms.create.submitting")} icon="plus">
              {t("rooms.create.submit")}
            </Button>
          </form>
        </CardBody>
      </Card>
      <Card aria-labelledby="join-room">
        <CardHeader id="join-room" title={t("rooms.join.title")} />
        <CardBody>
          <form onSubmit={join} noValidate className="flex flex-col gap-4">
            <Field label={t("rooms.join.code")} hint={t("rooms.join.codeHint")} error={codeError ?? undefined}>
              <Input
                name="code"
                value={code}
                autoComplete="off"
                autoCapitalize="none"
                spellCheck={false}
                maxLength={16}
                className="font-mono tracking-widest"
                placeholder={t("rooms.join.codePlaceholder")}
                onChange={(e) => {
                  setCode(e.target.value);
                  setCodeError(null);
                }}
              />
            </Field>
            <Button type="submit" variant="secondary" loading={joining} loadingText={t("rooms.join.submitting")} icon="arrowRight">
              {t("rooms.join.submit")}
            </Button>
          </form>
        </CardBody>
      </Card>
    </div>
  );
}
