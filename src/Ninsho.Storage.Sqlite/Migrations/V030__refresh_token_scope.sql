-- Ninsho schema, version 30 (SQLite): the OAuth scopes a refresh token grants (the hosted UI's code flow asks for
-- them); NULL for tokens from the native API, whose access tokens carry aws.cognito.signin.user.admin.

ALTER TABLE refresh_tokens ADD COLUMN scope TEXT;
