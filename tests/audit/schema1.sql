-- A kbcheck history database at schema version 1 (two runs of tests/audit/kb),
-- as `sqlite3 .dump` wrote it.  Frozen: never regenerate it; store.sh checks
-- that every later kbcheck still reads and extends it (migrations).
PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE kb_schema (
  version INTEGER PRIMARY KEY,
  applied_at INTEGER NOT NULL,
  tool_version TEXT NOT NULL
);
INSERT INTO kb_schema VALUES(1,1795655612,'0.1.0');
CREATE TABLE runs (
  id INTEGER PRIMARY KEY,
  time INTEGER NOT NULL,
  revision TEXT,
  tool_version TEXT NOT NULL,
  source_url TEXT,
  files INTEGER NOT NULL,
  units INTEGER NOT NULL,
  claims INTEGER NOT NULL,
  findings INTEGER NOT NULL,
  acked INTEGER NOT NULL,
  input_errors INTEGER NOT NULL
);
INSERT INTO runs VALUES(1,1791158400,'1a2b3c','0.1.0','https://git.example/shop-kb/blob/{rev}/{path}#L{line}',7,8,18,2,0,0);
INSERT INTO runs VALUES(2,1791763200,'4d5e6f','0.1.0','https://git.example/shop-kb/blob/{rev}/{path}#L{line}',7,8,18,1,0,0);
CREATE TABLE run_counts (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  channel TEXT NOT NULL,
  locale TEXT NOT NULL,
  units INTEGER NOT NULL,
  claims INTEGER NOT NULL,
  PRIMARY KEY (run_id, channel, locale)
) WITHOUT ROWID;
INSERT INTO run_counts VALUES(1,'chatbot','en',1,2);
INSERT INTO run_counts VALUES(1,'chatbot','vi',1,2);
INSERT INTO run_counts VALUES(1,'faq','en',2,4);
INSERT INTO run_counts VALUES(1,'faq','th',1,2);
INSERT INTO run_counts VALUES(1,'faq','vi',1,3);
INSERT INTO run_counts VALUES(1,'macro','en',1,3);
INSERT INTO run_counts VALUES(1,'macro','th',1,2);
INSERT INTO run_counts VALUES(2,'chatbot','en',1,2);
INSERT INTO run_counts VALUES(2,'chatbot','vi',1,2);
INSERT INTO run_counts VALUES(2,'faq','en',2,4);
INSERT INTO run_counts VALUES(2,'faq','th',1,2);
INSERT INTO run_counts VALUES(2,'faq','vi',1,3);
INSERT INTO run_counts VALUES(2,'macro','en',1,3);
INSERT INTO run_counts VALUES(2,'macro','th',1,2);
CREATE TABLE claims (
  id INTEGER PRIMARY KEY,
  hash TEXT NOT NULL UNIQUE,
  topic TEXT NOT NULL,
  attribute TEXT NOT NULL,
  scope TEXT NOT NULL,
  path TEXT NOT NULL,
  relpath TEXT NOT NULL,
  line INTEGER NOT NULL,
  col INTEGER NOT NULL,
  end_line INTEGER NOT NULL,
  end_col INTEGER NOT NULL,
  channel TEXT NOT NULL,
  locale TEXT NOT NULL,
  format TEXT NOT NULL,
  unit_id TEXT,
  question TEXT,
  sentence TEXT,
  quote TEXT NOT NULL,
  value TEXT NOT NULL,
  value_key TEXT NOT NULL
);
INSERT INTO claims VALUES(1,'f1a09352ac8dc321c3a036d8e5fced66','order.cancel','allowed','','kb/bot/en/cancel.md','bot/en/cancel.md',5,7,5,21,'chatbot','en','markdown','can-i-cancel-my-order','Can I cancel my order?','You can cancel your order within 12 hours.','You can cancel','yes','bool:yes');
INSERT INTO claims VALUES(2,'007f3ae26a876ce647cf02e7f0ef940d','order.cancel','window','','kb/bot/en/cancel.md','bot/en/cancel.md',5,33,5,48,'chatbot','en','markdown','can-i-cancel-my-order','Can I cancel my order?','You can cancel your order within 12 hours.','within 12 hours','at most 12 hours','duration:=43200:cal');
INSERT INTO claims VALUES(3,'1160328ee7fc557f5868fbca0417ce04','order.cancel','allowed','','kb/bot/vi/huy.md','bot/vi/huy.md',5,5,5,15,'chatbot','vi','markdown','tôi-có-thể-hủy-đơn-không','Tôi có thể hủy đơn không?','Bạn có thể hủy đơn hàng trong vòng 24 giờ.','có thể hủy','yes','bool:yes');
INSERT INTO claims VALUES(4,'0f0c7f926f1806d5bd81cb528ce31788','order.cancel','window','','kb/bot/vi/huy.md','bot/vi/huy.md',5,25,5,42,'chatbot','vi','markdown','tôi-có-thể-hủy-đơn-không','Tôi có thể hủy đơn không?','Bạn có thể hủy đơn hàng trong vòng 24 giờ.','trong vòng 24 giờ','at most 1 day','duration:=86400:cal');
INSERT INTO claims VALUES(5,'be9180593eb35b9e8d57c4bee23c8911','order.cancel','allowed','','kb/faq/en/orders.md','faq/en/orders.md',5,6,5,20,'faq','en','markdown','can-i-cancel-my-order','Can I cancel my order?','You can cancel your order within 24 hours of placing it, free of charge.','You can cancel','yes','bool:yes');
INSERT INTO claims VALUES(6,'9ab1eb43841025b4b36772c010ab4ae9','order.cancel','window','','kb/faq/en/orders.md','faq/en/orders.md',5,32,5,47,'faq','en','markdown','can-i-cancel-my-order','Can I cancel my order?','You can cancel your order within 24 hours of placing it, free of charge.','within 24 hours','at most 1 day','duration:=86400:cal');
INSERT INTO claims VALUES(7,'bac7d9f6a0160253ffafe898485bea5c','order.cancel','fee','','kb/faq/en/orders.md','faq/en/orders.md',5,63,5,77,'faq','en','markdown','can-i-cancel-my-order','Can I cancel my order?','You can cancel your order within 24 hours of placing it, free of charge.','free of charge','free','money:=0:');
INSERT INTO claims VALUES(8,'8e36de0e2f146233c2d851bae855d112','refund.time','time','','kb/faq/en/orders.md','faq/en/orders.md',9,44,9,68,'faq','en','markdown','how-long-does-a-refund-take','How long does a refund take?','Refunds for cancelled orders are processed within 5–7 business days.','within 5–7 business days','5–7 business days','duration:432000..604800:biz');
INSERT INTO claims VALUES(9,'324e6bb2daec09376a25e5b03655d76e','order.cancel','allowed','','kb/faq/th/orders.md','faq/th/orders.md',5,14,5,33,'faq','th','markdown','ยกเลิกคำสั่งซื้อได้ไหม','ยกเลิกคำสั่งซื้อได้ไหม','ได้ คุณสามารถยกเลิกคำสั่งซื้อได้ภายใน 1 วัน หลังจากสั่งซื้อ','ยกเลิกคำสั่งซื้อได้','yes','bool:yes');
INSERT INTO claims VALUES(10,'dbec717ff47cc38ace6ef2a52e9ff97f','order.cancel','window','','kb/faq/th/orders.md','faq/th/orders.md',5,33,5,44,'faq','th','markdown','ยกเลิกคำสั่งซื้อได้ไหม','ยกเลิกคำสั่งซื้อได้ไหม','ได้ คุณสามารถยกเลิกคำสั่งซื้อได้ภายใน 1 วัน หลังจากสั่งซื้อ','ภายใน 1 วัน','at most 1 day','duration:=86400:cal');
INSERT INTO claims VALUES(11,'8c3c7a5a712ca820436d346add199ab7','order.cancel','allowed','','kb/faq/vi/don-hang.md','faq/vi/don-hang.md',5,9,5,19,'faq','vi','markdown','tôi-có-thể-hủy-đơn-hàng-không','Tôi có thể hủy đơn hàng không?','Bạn có thể hủy đơn hàng trong vòng 24 giờ sau khi đặt, miễn phí.','có thể hủy','yes','bool:yes');
INSERT INTO claims VALUES(12,'140a7911f45a5f667df52848f43136af','order.cancel','window','','kb/faq/vi/don-hang.md','faq/vi/don-hang.md',5,29,5,46,'faq','vi','markdown','tôi-có-thể-hủy-đơn-hàng-không','Tôi có thể hủy đơn hàng không?','Bạn có thể hủy đơn hàng trong vòng 24 giờ sau khi đặt, miễn phí.','trong vòng 24 giờ','at most 1 day','duration:=86400:cal');
INSERT INTO claims VALUES(13,'bbd6278d74db2f9653b9d4bd953cfd7d','order.cancel','fee','','kb/faq/vi/don-hang.md','faq/vi/don-hang.md',5,60,5,68,'faq','vi','markdown','tôi-có-thể-hủy-đơn-hàng-không','Tôi có thể hủy đơn hàng không?','Bạn có thể hủy đơn hàng trong vòng 24 giờ sau khi đặt, miễn phí.','miễn phí','free','money:=0:');
INSERT INTO claims VALUES(14,'b97e37e48377106165ad95177d492154','order.cancel','allowed','','kb/macros/en/cancel.md','macros/en/cancel.md',5,31,5,45,'macro','en','markdown','cancel-order','Cancel order','Hi {{ticket.requester.name}}, you can cancel your order within 24 hours.','you can cancel','yes','bool:yes');
INSERT INTO claims VALUES(15,'494cab9ab66c6435ad99001eefef1d42','order.cancel','window','','kb/macros/en/cancel.md','macros/en/cancel.md',5,57,5,72,'macro','en','markdown','cancel-order','Cancel order','Hi {{ticket.requester.name}}, you can cancel your order within 24 hours.','within 24 hours','at most 1 day','duration:=86400:cal');
INSERT INTO claims VALUES(16,'f86139eb0b74616ce547b55da45e3b9d','order.cancel','fee','','kb/macros/en/cancel.md','macros/en/cancel.md',5,96,5,98,'macro','en','markdown','cancel-order','Cancel order','A cancellation fee of $5 applies.','$5','$5','money:=5:$');
INSERT INTO claims VALUES(17,'c73b88d62e842a3fd7b306dd8aa9fd0c','order.cancel','allowed','','kb/macros/th/cancel.md','macros/th/cancel.md',5,10,5,29,'macro','th','markdown','ยกเลิกคำสั่งซื้อ','ยกเลิกคำสั่งซื้อ','คุณสามารถยกเลิกคำสั่งซื้อได้ภายใน 24 ชั่วโมง','ยกเลิกคำสั่งซื้อได้','yes','bool:yes');
INSERT INTO claims VALUES(18,'48acb996eedecc73363fb8447bdbf8b2','order.cancel','window','','kb/macros/th/cancel.md','macros/th/cancel.md',5,29,5,45,'macro','th','markdown','ยกเลิกคำสั่งซื้อ','ยกเลิกคำสั่งซื้อ','คุณสามารถยกเลิกคำสั่งซื้อได้ภายใน 24 ชั่วโมง','ภายใน 24 ชั่วโมง','at most 1 day','duration:=86400:cal');
INSERT INTO claims VALUES(19,'b14628f0d14fa3702357a4f11c7a078b','order.cancel','allowed','','kb/bot/en/cancel.md','bot/en/cancel.md',5,7,5,21,'chatbot','en','markdown','can-i-cancel-my-order','Can I cancel my order?','You can cancel your order within 24 hours.','You can cancel','yes','bool:yes');
INSERT INTO claims VALUES(20,'0958a57d0cc67cb412e51b4bbf8476a1','order.cancel','window','','kb/bot/en/cancel.md','bot/en/cancel.md',5,33,5,48,'chatbot','en','markdown','can-i-cancel-my-order','Can I cancel my order?','You can cancel your order within 24 hours.','within 24 hours','at most 1 day','duration:=86400:cal');
CREATE TABLE run_claims (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  claim_id INTEGER NOT NULL REFERENCES claims(id),
  deviates INTEGER NOT NULL,
  PRIMARY KEY (run_id, claim_id)
) WITHOUT ROWID;
INSERT INTO run_claims VALUES(1,1,0);
INSERT INTO run_claims VALUES(1,2,1);
INSERT INTO run_claims VALUES(1,3,0);
INSERT INTO run_claims VALUES(1,4,0);
INSERT INTO run_claims VALUES(1,5,0);
INSERT INTO run_claims VALUES(1,6,0);
INSERT INTO run_claims VALUES(1,7,0);
INSERT INTO run_claims VALUES(1,8,0);
INSERT INTO run_claims VALUES(1,9,0);
INSERT INTO run_claims VALUES(1,10,0);
INSERT INTO run_claims VALUES(1,11,0);
INSERT INTO run_claims VALUES(1,12,0);
INSERT INTO run_claims VALUES(1,13,0);
INSERT INTO run_claims VALUES(1,14,0);
INSERT INTO run_claims VALUES(1,15,0);
INSERT INTO run_claims VALUES(1,16,1);
INSERT INTO run_claims VALUES(1,17,0);
INSERT INTO run_claims VALUES(1,18,0);
INSERT INTO run_claims VALUES(2,3,0);
INSERT INTO run_claims VALUES(2,4,0);
INSERT INTO run_claims VALUES(2,5,0);
INSERT INTO run_claims VALUES(2,6,0);
INSERT INTO run_claims VALUES(2,7,0);
INSERT INTO run_claims VALUES(2,8,0);
INSERT INTO run_claims VALUES(2,9,0);
INSERT INTO run_claims VALUES(2,10,0);
INSERT INTO run_claims VALUES(2,11,0);
INSERT INTO run_claims VALUES(2,12,0);
INSERT INTO run_claims VALUES(2,13,0);
INSERT INTO run_claims VALUES(2,14,0);
INSERT INTO run_claims VALUES(2,15,0);
INSERT INTO run_claims VALUES(2,16,1);
INSERT INTO run_claims VALUES(2,17,0);
INSERT INTO run_claims VALUES(2,18,0);
INSERT INTO run_claims VALUES(2,19,0);
INSERT INTO run_claims VALUES(2,20,0);
CREATE TABLE run_canonical (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  topic TEXT NOT NULL,
  attribute TEXT NOT NULL,
  scope TEXT NOT NULL,
  value TEXT NOT NULL,
  value_key TEXT NOT NULL,
  source TEXT,
  PRIMARY KEY (run_id, topic, attribute, scope)
) WITHOUT ROWID;
INSERT INTO run_canonical VALUES(1,'order.cancel','allowed','','yes','bool:yes','policy.yml:6');
INSERT INTO run_canonical VALUES(1,'order.cancel','fee','','free','money:=0:','policy.yml:5');
INSERT INTO run_canonical VALUES(1,'order.cancel','window','','at most 1 day','duration:=86400:cal','policy.yml:4');
INSERT INTO run_canonical VALUES(2,'order.cancel','allowed','','yes','bool:yes','policy.yml:6');
INSERT INTO run_canonical VALUES(2,'order.cancel','fee','','free','money:=0:','policy.yml:5');
INSERT INTO run_canonical VALUES(2,'order.cancel','window','','at most 1 day','duration:=86400:cal','policy.yml:4');
CREATE TABLE findings (
  id INTEGER PRIMARY KEY,
  fingerprint TEXT NOT NULL UNIQUE,
  topic TEXT NOT NULL,
  attribute TEXT NOT NULL,
  scope TEXT NOT NULL,
  first_seen INTEGER NOT NULL
);
INSERT INTO findings VALUES(1,'6e16f1078a1ef6c2','order.cancel','window','',1791158400);
INSERT INTO findings VALUES(2,'3d62c2077faf673a','order.cancel','fee','',1791158400);
CREATE TABLE sightings (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  finding_id INTEGER NOT NULL REFERENCES findings(id),
  severity TEXT NOT NULL,
  message TEXT NOT NULL,
  majority TEXT,
  majority_count INTEGER NOT NULL,
  sources INTEGER NOT NULL,
  canonical TEXT,
  canonical_source TEXT,
  acked INTEGER NOT NULL,
  ack_reason TEXT,
  ack_by TEXT,
  PRIMARY KEY (run_id, finding_id)
) WITHOUT ROWID;
INSERT INTO sightings VALUES(1,1,'error','order.cancel.window is at most 12 hours here, but the policy says at most 1 day (policy.yml:4); 6 of 7 sources say at most 1 day','at most 1 day',6,7,'at most 1 day','policy.yml:4',0,NULL,NULL);
INSERT INTO sightings VALUES(1,2,'error','order.cancel.fee is $5 here, but the policy says free (policy.yml:5); 2 of 3 sources say free','free',2,3,'free','policy.yml:5',0,NULL,NULL);
INSERT INTO sightings VALUES(2,2,'error','order.cancel.fee is $5 here, but the policy says free (policy.yml:5); 2 of 3 sources say free','free',2,3,'free','policy.yml:5',0,NULL,NULL);
CREATE TABLE sides (
  run_id INTEGER NOT NULL,
  finding_id INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  claim_id INTEGER NOT NULL REFERENCES claims(id),
  deviates INTEGER NOT NULL,
  suggestion TEXT,
  PRIMARY KEY (run_id, finding_id, seq),
  FOREIGN KEY (run_id, finding_id) REFERENCES sightings(run_id, finding_id)
    ON DELETE CASCADE
) WITHOUT ROWID;
INSERT INTO sides VALUES(1,1,0,2,1,'within 24 hours');
INSERT INTO sides VALUES(1,1,1,4,0,NULL);
INSERT INTO sides VALUES(1,1,2,6,0,NULL);
INSERT INTO sides VALUES(1,1,3,10,0,NULL);
INSERT INTO sides VALUES(1,1,4,12,0,NULL);
INSERT INTO sides VALUES(1,1,5,15,0,NULL);
INSERT INTO sides VALUES(1,1,6,18,0,NULL);
INSERT INTO sides VALUES(1,2,0,16,1,'free of charge');
INSERT INTO sides VALUES(1,2,1,7,0,NULL);
INSERT INTO sides VALUES(1,2,2,13,0,NULL);
INSERT INTO sides VALUES(2,2,0,16,1,'free of charge');
INSERT INTO sides VALUES(2,2,1,7,0,NULL);
INSERT INTO sides VALUES(2,2,2,13,0,NULL);
CREATE INDEX runs_by_time ON runs(time, id);
CREATE INDEX run_claims_by_claim ON run_claims(claim_id);
CREATE INDEX sightings_by_finding ON sightings(finding_id, run_id);
CREATE INDEX sides_by_claim ON sides(claim_id);
CREATE VIEW finding_sides AS
  SELECT s.run_id, f.fingerprint, f.topic, f.attribute, f.scope, s.seq,
         c.path, c.line, c.col, c.channel, c.locale, c.quote, c.value,
         s.deviates, s.suggestion
  FROM sides s JOIN findings f ON f.id = s.finding_id
              JOIN claims c ON c.id = s.claim_id;
COMMIT;
