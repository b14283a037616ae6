package dev.lanes.testkit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;

/** Produces a batch of test records in order and waits until the broker has acknowledged each. */
final class RecordSender {

  private RecordSender() {}

  static void sendAll(
      Map<String, Object> producerConfig,
      String topic,
      List<ProducerRecord<String, String>> records) {
    for (int i = 0; i < records.size(); i++) {
      String recordTopic = records.get(i).topic();
      if (!topic.equals(recordTopic)) {
        throw new IllegalArgumentException(
            "record #" + i + " is for topic '" + recordTopic + "', expected '" + topic + "'");
      }
    }
    Map<String, Object> config = new HashMap<>(producerConfig);
    // Fail a test within the KafkaCalls timeout instead of the producer's two-minute default;
    // a missing topic otherwise blocks send() for a full minute.
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
      List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
      for (int i = 0; i < records.size(); i++) {
        acks.add(send(producer, records.get(i), i));
      }
      for (int i = 0; i < acks.size(); i++) {
        KafkaCalls.await(acks.get(i), describe(records.get(i), i));
      }
    }
  }

  private static Future<RecordMetadata> send(
      KafkaProducer<String, String> producer, ProducerRecord<String, String> record, int index) {
    try {
      return producer.send(record);
    } catch (KafkaException e) {
      throw new KafkaException("Failed to " + describe(record, index) + ": " + e, e);
    }
  }

  private static String describe(ProducerRecord<String, String> record, int index) {
    return "send record #" + index + " key=" + record.key() + " to topic " + record.topic();
  }
}
