package org.redisee.sample;

/** Input the chat refuses, with a message for the user; the API answers it with HTTP 400. */
public class InvalidInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }
}
