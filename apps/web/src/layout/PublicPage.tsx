import { Box, Card, CardContent, Stack, TextField, type TextFieldProps, Typography } from "@mui/material";
import { type FormEvent, type ReactNode, useId } from "react";
import { Link as RouterLink } from "react-router";

/** The frame of the pages used before signing in: sign-in, setup, invitations, password reset. */
export function PublicPage(props: { title: string; onSubmit?: (event: FormEvent) => void; children: ReactNode }) {
  const titleId = useId();
  return (
    <Box component="main" sx={{ minHeight: "100vh", display: "grid", placeItems: "center", bgcolor: "grey.100" }}>
      <Card sx={{ width: 440, maxWidth: "100%" }} component="section" aria-labelledby={titleId}>
        <CardContent>
          <Stack component={props.onSubmit ? "form" : "div"} spacing={2} onSubmit={props.onSubmit} noValidate>
            <Typography id={titleId} variant="h5" component="h1">
              {props.title}
            </Typography>
            {props.children}
          </Stack>
        </CardContent>
      </Card>
    </Box>
  );
}

/** The email of a public form, filled by the browser's saved sign-in (its username). */
export function EmailField(props: { value: string; onChange: TextFieldProps["onChange"]; autoFocus?: boolean }) {
  return (
    <TextField
      label="Email"
      type="email"
      autoComplete="username"
      value={props.value}
      onChange={props.onChange}
      required
      autoFocus={props.autoFocus}
    />
  );
}

/** A link under a public form: "Forgot password?", "Back to sign-in". */
export function PublicPageLink(props: { to: string; children: ReactNode }) {
  return (
    <Typography variant="body2">
      <RouterLink to={props.to}>{props.children}</RouterLink>
    </Typography>
  );
}
