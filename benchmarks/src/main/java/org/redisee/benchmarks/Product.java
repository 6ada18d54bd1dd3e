package org.redisee.benchmarks;

import java.util.List;

/** The cached value: about 100 characters of JSON, for example
 * {@code {"id":"p-17","name":"Espresso machine, stainless steel","price":249.9,"stock":42,"tags":["kitchen","coffee"]}}. */
public record Product(String id, String name, double price, int stock, List<String> tags) {

    static Product of(String id) {
        return new Product(id, "Espresso machine, stainless steel", 249.9, 42, List.of("kitchen", "coffee"));
    }
}
