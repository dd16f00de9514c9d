import { Box, Card, CardContent, Stack, Typography } from "@mui/material";
import { type FormEvent, type ReactNode, useId } from "react";

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
