; Binary consensus under send omission: 3 processes, at most 1 faulty, 1 round. A faulty process runs to the end and decides; any message it sends may be dropped.
(set-info :processes 3)
(set-info :faulty 1)
(set-info :faults send-omission)
(set-info :rounds 1)

; Correct processes decide the same value.
(define-fun agreement () Bool
  (forall ((i Proc) (j Proc))
    (=> (and (correct i) (correct j)) (= (decision i) (decision j)))))

; If every process starts with v, every correct process decides v.
(define-fun validity () Bool
  (forall ((v Int))
    (=> (forall ((i Proc)) (= (input i) v))
        (forall ((i Proc)) (=> (correct i) (= (decision i) v))))))

(assert agreement)
(assert validity)
