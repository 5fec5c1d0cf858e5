package dev.aiapiwatch.config;

import java.io.IOException;

/**
 * A credential that the options call for is in neither the environment nor a file. It is a setting
 * to fix, like an invalid option, but it can only be found where the credential is read.
 */
public class MissingCredentialException extends IOException {

    private static final long serialVersionUID = 1L;

    public MissingCredentialException(String message) {
        super(message);
    }
}
