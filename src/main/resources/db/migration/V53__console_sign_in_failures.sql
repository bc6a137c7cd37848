-- Failed console sign-ins per user name and address, shared by every console process on the database: the throttle
-- that makes a pair wait after repeated wrong passwords holds whichever console the guesses are sent to. Times are the
-- database's; a pair's failures are forgotten a day after its last one, or at its next successful sign-in.
CREATE TABLE console_sign_in_failure (
  user_key     VARCHAR(200)             NOT NULL,
  address      VARCHAR(100)             NOT NULL,
  failures     INTEGER                  NOT NULL,
  last_failure TIMESTAMP WITH TIME ZONE NOT NULL,
  wait_until   TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (user_key, address)
);

CREATE INDEX console_sign_in_failure_last ON console_sign_in_failure (last_failure);
