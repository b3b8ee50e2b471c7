; Binary consensus with a Byzantine process: 3 processes, at most 1 Byzantine, 1 round. A Byzantine process has no state, never decides, and sends each correct process any message or nothing.
(set-info :processes 3)
(set-info :faulty 1)
(set-info :faults byzantine)
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
