import { Box } from "@mui/material";
import { AdapterDayjs } from "@mui/x-date-pickers/AdapterDayjs";
import { DatePicker } from "@mui/x-date-pickers/DatePicker";
import { LocalizationProvider } from "@mui/x-date-pickers/LocalizationProvider";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { useMutation } from "urql";
import { ConfirmDialog } from "../../layout/ConfirmDialog.tsx";
import { useReportedAction } from "../../lib/mutation-result.ts";
import { type ApiVersionRow, DeprecateApiVersionMutation } from "./documents.ts";

/** The sunset as the server stores it: the start of the chosen day, in UTC (what the `Sunset` header says). */
export function sunsetAtOf(date: Dayjs): string {
  return `${date.format("YYYY-MM-DD")}T00:00:00.000Z`;
}

/** Deprecates a version (or moves its sunset) with a date picker; says what keys on it will see. */
export function DeprecateApiVersionDialog(props: { version: ApiVersionRow; onClose: () => void; onDone: () => void }) {
  const { version } = props;
  const [, deprecate] = useMutation(DeprecateApiVersionMutation);
  const report = useReportedAction();
  const [date, setDate] = useState<Dayjs | null>(version.sunsetAt ? dayjs(version.sunsetAt) : dayjs().add(6, "month"));
  const valid = date?.isValid() && !date.isBefore(dayjs(), "day");

  async function confirm() {
    if (!date || !valid) return;
    const outcome = await report(
      () => deprecate({ input: { id: version.id, sunsetAt: sunsetAtOf(date) } }),
      (d) => d.deprecateApiVersion,
      `API version ${version.name} deprecated; sunset ${date.format("D MMM YYYY")}.`,
    );
    if (!outcome.ok) return;
    props.onDone();
    props.onClose();
  }

  return (
    <ConfirmDialog
      title={version.deprecated ? `Change the sunset of ${version.name}` : `Deprecate ${version.name}?`}
      confirmLabel={version.deprecated ? "Save sunset" : "Deprecate version"}
      disabled={!valid}
      onConfirm={confirm}
      onClose={props.onClose}
      message={
        <>
          The {version.keyCount === 1 ? "key" : `${version.keyCount} keys`} on {version.name} keep working, also after
          the sunset. From now on every valid verification of them says the version is deprecated and when its sunset is
          (the verify endpoint also sends Deprecation and Sunset headers), and the console flags them. New keys cannot
          choose {version.name}.
        </>
      }
    >
      <Box sx={{ mt: 2 }}>
        <LocalizationProvider dateAdapter={AdapterDayjs}>
          <DatePicker
            label="Sunset date"
            value={date}
            onChange={setDate}
            minDate={dayjs()}
            slotProps={{ textField: { helperText: "Today or later (UTC)", fullWidth: true } }}
          />
        </LocalizationProvider>
      </Box>
    </ConfirmDialog>
  );
}
