import AddIcon from "@mui/icons-material/Add";
import {
  Box,
  Button,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from "@mui/material";
import type { ReactNode } from "react";
import { useOrganization } from "../session/SessionProvider.tsx";

type Props = {
  /** The heading's id: the section and its table are labelled by it. */
  id: string;
  title: string;
  intro: ReactNode;
  /** The add button, for those who may manage the organization. */
  addLabel: string;
  onAdd: () => void;
  /** The table's columns; an Actions column follows for those who may manage. */
  columns: { label: string; align?: "right" }[];
  /** Shown in the table while it has no rows (after loading: the empty state). */
  empty: string | null;
  /** The rows. */
  children: ReactNode;
  /** The section's dialogs, when open. */
  dialogs: ReactNode;
};

/** A Settings section: heading, what it is for, an add button, and its table (with an empty state). */
export function SettingsSection({ id, title, intro, addLabel, onAdd, columns, empty, children, dialogs }: Props) {
  const { canManage } = useOrganization();
  return (
    <Stack spacing={1.5} component="section" aria-labelledby={id}>
      <Box sx={{ display: "flex", alignItems: "center", justifyContent: "space-between", gap: 2 }}>
        <Box>
          <Typography variant="h6" component="h2" id={id}>
            {title}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {intro}
          </Typography>
        </Box>
        {canManage && (
          <Button variant="contained" startIcon={<AddIcon />} onClick={onAdd}>
            {addLabel}
          </Button>
        )}
      </Box>
      <TableContainer component={Paper} variant="outlined">
        <Table size="small" aria-labelledby={id}>
          <TableHead>
            <TableRow>
              {columns.map((column) => (
                <TableCell key={column.label} align={column.align}>
                  {column.label}
                </TableCell>
              ))}
              {canManage && <TableCell align="right">Actions</TableCell>}
            </TableRow>
          </TableHead>
          <TableBody>
            {empty !== null && (
              <TableRow>
                <TableCell colSpan={columns.length + (canManage ? 1 : 0)}>{empty}</TableCell>
              </TableRow>
            )}
            {children}
          </TableBody>
        </Table>
      </TableContainer>
      {dialogs}
    </Stack>
  );
}

/** Names the row in a button's accessible name ("Retire trips:read") without repeating it on screen. */
export const visuallyHidden = {
  position: "absolute",
  width: 1,
  height: 1,
  overflow: "hidden",
  clip: "rect(0 0 0 0)",
  whiteSpace: "nowrap",
} as const;
